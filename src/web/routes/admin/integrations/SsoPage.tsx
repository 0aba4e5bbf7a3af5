import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, assertValid, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { CheckboxField, TextField } from "../../../components/Field.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { RequireAdmin } from "../RequireAdmin.tsx";

type Settings = Schemas["SsoSettings"];
type Connection = NonNullable<Settings["connection"]>;

const TITLE = "Single sign-on";
const settingsKey = ["integrations", "sso"] as const;

const splitDomains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint: string }) {
  const toast = useToast();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-hint`}
          className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
          onFocus={(e) => e.target.select()}
        />
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(
              () => toast(`${label} copied.`),
              () => toast("Select the text and copy it yourself."),
            );
          }}
        >
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
    </div>
  );
}

function SettingsForm({ connection }: { connection: Connection | null }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [issuerUrl, setIssuerUrl] = useState(connection?.issuerUrl ?? "");
  const [clientId, setClientId] = useState(connection?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState((connection?.allowedDomains ?? []).join(", "));
  const [jit, setJit] = useState(connection?.jitProvisioning ?? true);
  const [enabled, setEnabled] = useState(connection?.enabled ?? true);

  const save = useMutation({
    mutationFn: async () => {
      assertValid({
        ...(/^https?:\/\/\S+$/i.test(issuerUrl.trim())
          ? {}
          : { issuerUrl: "Enter your provider's issuer URL, starting with https://." }),
        ...(clientId.trim() ? {} : { clientId: "Enter the client id your provider gave you." }),
        ...(clientSecret || connection?.clientSecretSet
          ? {}
          : { clientSecret: "Enter the client secret your provider gave you." }),
      });
      return unwrap(
        api.PUT("/api/sso/config", {
          body: {
            issuerUrl: issuerUrl.trim(),
            clientId: clientId.trim(),
            ...(clientSecret ? { clientSecret } : {}),
            allowedDomains: splitDomains(domains),
            jitProvisioning: jit,
            enabled,
          },
        }),
      );
    },
    onSuccess: (saved) => {
      qc.setQueryData(settingsKey, saved);
      setClientSecret("");
      setDomains((saved.connection?.allowedDomains ?? []).join(", "));
      toast(
        saved.connection?.enabled
          ? "Saved. People can now sign in with single sign-on."
          : "Saved. Single sign-on is off.",
      );
    },
  });
  const errors = fieldErrorsOf(save.error);
  const domainError = Object.entries(errors).find(([k]) => k.startsWith("allowedDomains"))?.[1];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="sso-settings-heading">
      <h2 id="sso-settings-heading" className="text-lg font-semibold">
        Identity provider
      </h2>
      <FormAlert error={save.error} />
      <TextField
        label="Issuer URL"
        type="url"
        required
        value={issuerUrl}
        placeholder="https://login.example.com"
        hint="Trellis reads <issuer>/.well-known/openid-configuration when you save, to check it."
        onChange={(e) => setIssuerUrl(e.target.value)}
        error={errors.issuerUrl}
        autoComplete="off"
      />
      <TextField
        label="Client id"
        required
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        error={errors.clientId}
        autoComplete="off"
      />
      <TextField
        label="Client secret"
        type="password"
        required={!connection?.clientSecretSet}
        value={clientSecret}
        hint={
          connection?.clientSecretSet
            ? "A secret is saved (stored encrypted and never shown). Leave empty to keep it."
            : "Stored encrypted; it is never shown again."
        }
        onChange={(e) => setClientSecret(e.target.value)}
        error={errors.clientSecret}
        autoComplete="new-password"
      />
      <TextField
        label="Allowed email domains"
        value={domains}
        placeholder="example.com, example.org"
        hint="Separate with commas. Only these domains may sign in, and a work email with one of them finds your organization on the sign-in page. Leave empty to allow any verified email."
        onChange={(e) => setDomains(e.target.value)}
        error={domainError}
        autoComplete="off"
      />
      <CheckboxField
        label="Create accounts for new people when they first sign in"
        checked={jit}
        onChange={(e) => setJit(e.target.checked)}
        hint="They join as members. People already in Trellis are matched by email whether this is on or not."
      />
      <CheckboxField
        label="Single sign-on is on"
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
        hint="Off, nobody can sign in with it; passwords keep working either way."
      />
      <SubmitButton pending={save.isPending} pendingLabel="Checking the provider…">
        Save
      </SubmitButton>
    </form>
  );
}

function Status({ connection }: { connection: Connection | null }) {
  const { person } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/sso/config")),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKey });
      toast("Single sign-on removed. People sign in with their password.");
    },
  });
  if (!connection) {
    return (
      <EmptyState title="Single sign-on is not set up">
        <p>
          Register Trellis as an OpenID Connect web application at your identity provider with the redirect
          URI below, then enter its issuer URL, client id and secret here and save.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      <p>Status: {connection.enabled ? <Badge tone="green">On</Badge> : <Badge tone="amber">Off</Badge>}</p>
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium text-slate-700">Provider</dt>
          <dd className="break-all">{connection.issuerUrl}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Last changed</dt>
          <dd>{formatDateTime(connection.updatedAt, person.timeZone)}</dd>
        </div>
      </dl>
      <FormAlert error={remove.error} />
      <Button variant="secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>
        Remove single sign-on
      </Button>
    </div>
  );
}

function SsoSettings() {
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET("/api/sso/config")) });
  if (settings.isPending) return <Loading label="Loading the single sign-on settings…" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const { connection, redirectUri, scopes, signInUrl } = settings.data;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <SettingsForm key={connection?.updatedAt ?? "new"} connection={connection} />
      </Card>
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Status</h2>
          <Status connection={connection} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">At your identity provider</h2>
          <div className="space-y-4">
            <CopyField
              id="sso-redirect-uri"
              label="Redirect URI"
              value={redirectUri}
              hint="Register it exactly (sign-in redirect URI, or “callback URL”) for a web application that uses the authorization code flow."
            />
            <CopyField
              id="sso-scopes"
              label="Scopes"
              value={scopes}
              hint="The email claim must be verified (email_verified) for Trellis to accept it."
            />
            <CopyField
              id="sso-sign-in-url"
              label="Sign-in link"
              value={signInUrl}
              hint="Opens your provider's sign-in directly, e.g. as the app's tile in your provider's dashboard."
            />
          </div>
        </Card>
      </div>
    </div>
  );
}

export default function SsoPage() {
  usePageTitle(TITLE);
  return (
    <RequireAdmin title={TITLE}>
      <BackLink to="/admin/integrations">Integrations</BackLink>
      <PageHeader
        title={TITLE}
        description="Let people sign in with your organization's identity provider (OpenID Connect)."
      />
      <SsoSettings />
    </RequireAdmin>
  );
}
