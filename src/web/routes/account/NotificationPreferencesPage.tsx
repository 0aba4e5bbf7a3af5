import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { CheckboxField } from "../../components/Field.tsx";
import { Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";

type Preferences = Schemas["NotificationPreferences"];
type Category = Schemas["NotificationCategory"];

const KEY = ["notification-preferences"];

export default function NotificationPreferencesPage() {
  usePageTitle("Email notifications");
  const preferences = useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET("/api/me/notification-preferences")),
  });
  return (
    <>
      <PageHeader
        title="Email notifications"
        description="Choose which emails Trellis sends you. Everything stays visible in Trellis itself; this only changes what reaches your inbox."
      />
      <Card className="max-w-2xl">
        {preferences.isError ? (
          <ErrorState error={preferences.error} onRetry={() => preferences.refetch()} />
        ) : preferences.data ? (
          <PreferencesForm initial={preferences.data} />
        ) : (
          <Loading />
        )}
      </Card>
    </>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [enabled, setEnabled] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(initial.categories.map((c) => [c.category, c.enabled])),
  );
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/me/notification-preferences", {
          body: {
            categories: initial.categories
              .filter((c) => c.optional)
              .map((c) => ({ category: c.category as Category, enabled: enabled[c.category] ?? true })),
          },
        }),
      ),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      setStatus("Your email preferences are saved.");
      toast("Your email preferences are saved.");
    },
    onError: () => setStatus(""),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setStatus("");
    save.mutate();
  };
  const off = initial.categories.filter((c) => c.optional && !enabled[c.category]).length;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert error={save.error} />
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Send me an email about…</legend>
        {initial.categories.map((c) => (
          <CheckboxField
            key={c.category}
            name={c.category}
            label={c.label}
            hint={c.optional ? c.description : `${c.description} (cannot be turned off)`}
            checked={c.optional ? (enabled[c.category] ?? true) : true}
            disabled={!c.optional}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setStatus("");
              setEnabled((prev) => ({ ...prev, [c.category]: checked }));
            }}
          />
        ))}
      </fieldset>
      <p className="text-sm text-slate-600">
        {off === 0
          ? "Every kind of email is on."
          : `${off} kind${off === 1 ? " is" : "s are"} off. Turn a kind back on at any time.`}
      </p>
      <div className="flex items-center gap-4">
        <SubmitButton pending={save.isPending} pendingLabel="Saving…">
          Save preferences
        </SubmitButton>
        <output aria-live="polite" className="text-sm text-emerald-800">
          {status}
        </output>
      </div>
    </form>
  );
}
