import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { api, assertValid, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { meKey, useSession } from "../../api/session.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { TextField } from "../../components/Field.tsx";
import { Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { RequireAdmin } from "./RequireAdmin.tsx";

function OrganizationForm() {
  const { person } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const org = useQuery({ queryKey: ["organization"], queryFn: () => unwrap(api.GET("/api/organization")) });
  const [name, setName] = useState("");
  useEffect(() => {
    if (org.data) setName(org.data.name);
  }, [org.data]);
  const rename = useMutation({
    mutationFn: async () => {
      assertValid(name.trim().length >= 2 ? {} : { name: "Use at least 2 characters." });
      return unwrap(api.PATCH("/api/organization", { body: { name: name.trim() } }));
    },
    onSuccess: (o) => {
      qc.setQueryData(["organization"], o);
      void qc.invalidateQueries({ queryKey: meKey });
      toast(`The organization is now called ${o.name}.`);
    },
  });
  if (org.isPending) return <Loading />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate();
  };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="org-name-heading">
          <h2 id="org-name-heading" className="text-lg font-semibold">
            Name
          </h2>
          <FormAlert error={rename.error} />
          <TextField
            label="Organization name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldErrorsOf(rename.error).name}
          />
          <SubmitButton pending={rename.isPending}>Rename</SubmitButton>
        </form>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Details</h2>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="font-medium text-slate-700">Short name</dt>
            <dd className="font-mono">{org.data.slug}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">On Trellis since</dt>
            <dd>{formatDate(org.data.createdAt, person.timeZone)}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">API</dt>
            <dd>
              <a href="/api/docs">API reference</a> (every operation and who may call it)
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}

export default function OrganizationPage() {
  usePageTitle("Organization");
  return (
    <RequireAdmin title="Organization">
      <PageHeader title="Organization" description="Settings for your whole organization." />
      <OrganizationForm />
    </RequireAdmin>
  );
}
