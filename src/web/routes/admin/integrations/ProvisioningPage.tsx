import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, ErrorState, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { TextField } from "../../../components/Field.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { RequireAdmin } from "../RequireAdmin.tsx";

type Token = Schemas["ScimToken"];

function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast(`${label} copied.`);
    } catch {
      toast("Could not copy; select the text and copy it yourself.", "error");
    }
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </Button>
      </div>
    </div>
  );
}

function NewTokenNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="mb-6 space-y-3 rounded-lg border border-emerald-600 bg-emerald-50 p-4 text-emerald-950"
    >
      <h2 id={headingId} className="font-semibold">
        Copy the token for “{name}” now
      </h2>
      <p className="text-sm">
        It is shown only this once: Trellis keeps a fingerprint of it, not the token. Paste it into your
        identity provider as the API token (Okta) or secret token (Entra ID).
      </p>
      <CopyField label="Token" value={secret} />
      <Button variant="secondary" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}

function TokenRow({ token, timeZone }: { token: Token; timeZone: string }) {
  const [confirming, setConfirming] = useState(false);
  const qc = useQueryClient();
  const toast = useToast();
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/scim-tokens/{id}", { params: { path: { id: token.id } } })),
    onSuccess: () => {
      toast(`Token “${token.name}” revoked. Provisioning with it stops now.`);
      void qc.invalidateQueries({ queryKey: ["scim-tokens"] });
    },
    onError: (err) => toast(err.message, "error"),
  });
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {token.name}
      </th>
      <td className="px-3 py-2">
        {formatDateTime(token.createdAt, timeZone)} by {token.createdBy.name}
      </td>
      <td className="px-3 py-2">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, timeZone) : "Never"}</td>
      <td className="px-3 py-2 text-right">
        {confirming ? (
          <span className="inline-flex flex-wrap items-center justify-end gap-2">
            <span className="text-sm">Your identity provider will no longer reach Trellis with it.</span>
            <Button
              variant="danger"
              className="px-2 py-1"
              onClick={() => revoke.mutate()}
              disabled={revoke.isPending}
            >
              Confirm revoke<span className="sr-only"> {token.name}</span>
            </Button>
            <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(true)}>
            Revoke<span className="sr-only"> {token.name}</span>
          </Button>
        )}
      </td>
    </tr>
  );
}

function Provisioning() {
  const { person } = useSession();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const tokens = useQuery({ queryKey: ["scim-tokens"], queryFn: () => unwrap(api.GET("/api/scim-tokens")) });
  const create = useMutation({
    mutationFn: (tokenName: string) => unwrap(api.POST("/api/scim-tokens", { body: { name: tokenName } })),
    onSuccess: (res) => {
      setCreated({ name: res.token.name, secret: res.secret });
      setName("");
      void qc.invalidateQueries({ queryKey: ["scim-tokens"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim());
  };
  if (tokens.isPending) return <Loading label="Loading provisioning tokens…" />;
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const items = tokens.data.items;
  return (
    <>
      {created ? <NewTokenNotice {...created} onDone={() => setCreated(null)} /> : null}
      <Card className="mb-6 space-y-3">
        <h2 className="text-lg font-semibold">Connect your identity provider</h2>
        <CopyField
          label="SCIM base URL"
          value={tokens.data.baseUrl}
          hint="Okta: SCIM connector base URL, with “Email” as the unique identifier. Entra ID: Tenant URL."
        />
        <p className="text-sm text-slate-700">
          Users become people (invited by email to choose a password, or signing in with single sign-on);
          groups are departments. Deactivating a user signs them out at once and withdraws their open
          mentoring requests and enrolments; their relationships and records stay.
        </p>
      </Card>
      <Section title="Tokens">
        <Card className="mb-4">
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
            <div className="min-w-64 flex-1">
              <TextField
                label="Token name"
                hint="What uses it, e.g. “Okta”. The audit log names provisioning changes by it."
                required
                maxLength={80}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={fieldErrorsOf(create.error).name}
              />
            </div>
            <SubmitButton pending={create.isPending} pendingLabel="Creating…">
              Create token
            </SubmitButton>
          </form>
          <FormAlert error={create.error} />
        </Card>
        {items.length === 0 ? (
          <EmptyState title="No provisioning tokens yet">
            <p>
              Name a token and choose “Create token”, then paste it with the base URL above into Okta or Entra
              ID and test the connection.
            </p>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Provisioning tokens</caption>
              <thead>
                <tr className="text-left text-slate-700">
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Created
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Last used
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <TokenRow key={t.id} token={t} timeZone={person.timeZone} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

export default function ProvisioningPage() {
  usePageTitle("SCIM provisioning");
  return (
    <RequireAdmin title="SCIM provisioning">
      <BackLink to="/admin/integrations">Integrations</BackLink>
      <PageHeader
        title="SCIM provisioning"
        description="Let your identity provider (Okta, Microsoft Entra ID) create, update and deactivate people in Trellis with SCIM 2.0."
      />
      <Provisioning />
    </RequireAdmin>
  );
}
