import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { api, assertValid, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import {
  Badge,
  EmptyState,
  ErrorAlertBox,
  ErrorState,
  FormAlert,
  Loading,
  SuccessMessage,
} from "../../../components/Feedback.tsx";
import { CheckboxField, SelectField, TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { RequireAdmin } from "../RequireAdmin.tsx";

type Connection = Schemas["XapiConnection"];
type LogEntry = Schemas["XapiStatementLogEntry"];
type TestResult = Schemas["XapiTestResult"];

const TITLE = "Learning record store (xAPI)";
const connectionKey = ["integrations", "xapi"] as const;
const logKey = ["integrations", "xapi", "statements"] as const;

const EVENT_LABELS: Record<LogEntry["event"], string> = {
  lesson_completed: "Lesson completed",
  quiz_passed: "Quiz passed",
  quiz_failed: "Quiz failed",
  cohort_completed: "Course completed",
  certificate_earned: "Certificate earned",
  test: "Test statement",
};

const STATUS: Record<LogEntry["status"], { label: string; tone: "green" | "amber" | "red" }> = {
  sent: { label: "Sent", tone: "green" },
  queued: { label: "Waiting", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
};

const ACTOR_FORMATS = [
  { value: "account", label: "Trellis person id (no email address leaves Trellis)" },
  { value: "mbox", label: "Email address and name" },
];

function ConnectionForm({ connection }: { connection: Connection }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [endpoint, setEndpoint] = useState(connection.endpoint ?? "");
  const [authKey, setAuthKey] = useState(connection.authKey ?? "");
  const [authSecret, setAuthSecret] = useState("");
  const [enabled, setEnabled] = useState(connection.enabled);
  const [actorFormat, setActorFormat] = useState<Connection["actorFormat"]>(connection.actorFormat);
  useEffect(() => {
    setEndpoint(connection.endpoint ?? "");
    setAuthKey(connection.authKey ?? "");
    setEnabled(connection.enabled);
    setActorFormat(connection.actorFormat);
  }, [connection]);

  const save = useMutation({
    mutationFn: async () => {
      assertValid({
        ...(/^https?:\/\/\S+$/i.test(endpoint.trim())
          ? {}
          : { endpoint: "Enter the LRS's xAPI endpoint, starting with https://." }),
        ...(authKey.trim() ? {} : { authKey: "Enter the key the LRS gave you." }),
        ...(authSecret || connection.secretSet ? {} : { authSecret: "Enter the secret the LRS gave you." }),
      });
      return unwrap(
        api.PUT("/api/integrations/xapi", {
          body: {
            endpoint: endpoint.trim(),
            authKey: authKey.trim(),
            ...(authSecret ? { authSecret } : {}),
            enabled,
            actorFormat,
          },
        }),
      );
    },
    onSuccess: (saved) => {
      qc.setQueryData(connectionKey, saved);
      setAuthSecret("");
      toast(saved.enabled ? "Saved. Training events are sent to your LRS." : "Saved. Sending is off.");
    },
  });
  const errors = fieldErrorsOf(save.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="xapi-connection-heading">
      <h2 id="xapi-connection-heading" className="text-lg font-semibold">
        Connection
      </h2>
      <FormAlert error={save.error} />
      <TextField
        label="xAPI endpoint"
        type="url"
        required
        value={endpoint}
        placeholder="https://lrs.example.com/xapi/"
        hint="Statements are sent to this address followed by “statements”."
        onChange={(e) => setEndpoint(e.target.value)}
        error={errors.endpoint}
        autoComplete="off"
      />
      <TextField
        label="Key"
        required
        value={authKey}
        onChange={(e) => setAuthKey(e.target.value)}
        error={errors.authKey}
        autoComplete="off"
      />
      <TextField
        label="Secret"
        type="password"
        required={!connection.secretSet}
        value={authSecret}
        hint={
          connection.secretSet
            ? "A secret is saved (it is stored encrypted and never shown). Leave empty to keep it."
            : "Stored encrypted; it is never shown again."
        }
        onChange={(e) => setAuthSecret(e.target.value)}
        error={errors.authSecret}
        autoComplete="new-password"
      />
      <SelectField
        label="Identify learners by"
        value={actorFormat}
        options={ACTOR_FORMATS}
        onChange={(e) => setActorFormat(e.target.value as Connection["actorFormat"])}
        hint="The statement's actor. Choose email only if your LRS matches learners by email address."
      />
      <CheckboxField
        label="Send training events to this LRS"
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
        hint="Lessons completed, quizzes passed or failed, courses completed and certificates earned."
      />
      <SubmitButton pending={save.isPending}>Save connection</SubmitButton>
    </form>
  );
}

function TestStatement({ configured }: { configured: boolean }) {
  const qc = useQueryClient();
  const [result, setResult] = useState<TestResult | null>(null);
  const send = useMutation({
    mutationFn: () => unwrap(api.POST("/api/integrations/xapi/test")),
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: logKey });
    },
  });
  return (
    <section aria-labelledby="xapi-test-heading" className="space-y-3">
      <h2 id="xapi-test-heading" className="text-lg font-semibold">
        Check the connection
      </h2>
      <p className="text-sm text-slate-700">
        Sends one statement (“experienced the Trellis LRS connection test”) with the saved settings, even
        while sending is off.
      </p>
      <Button
        variant="secondary"
        disabled={!configured || send.isPending}
        onClick={() => send.mutate()}
        aria-describedby={configured ? undefined : "xapi-test-needs-settings"}
      >
        {send.isPending ? "Sending…" : "Send test statement"}
      </Button>
      {configured ? null : (
        <p id="xapi-test-needs-settings" className="text-sm text-slate-700">
          Save the connection first.
        </p>
      )}
      <FormAlert error={send.error} />
      {result ? (
        result.ok ? (
          <SuccessMessage>The LRS stored the test statement. {result.message}</SuccessMessage>
        ) : (
          <TestFailure message={result.message} />
        )
      ) : null}
    </section>
  );
}

function TestFailure({ message }: { message: string }) {
  return (
    <ErrorAlertBox ref={null}>
      <p className="font-semibold">The test statement was not stored.</p>
      <p>{message}</p>
    </ErrorAlertBox>
  );
}

function StatementLog({ configured }: { configured: boolean }) {
  const { person } = useSession();
  const log = useCursorList({
    queryKey: logKey,
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/integrations/xapi/statements", { params: { query: { limit: 25, cursor } } })),
    refetchInterval: (pages) =>
      pages?.some((p) => p.items.some((i) => i.status === "queued")) ? 5000 : false,
  });
  return (
    <section aria-labelledby="xapi-log-heading" className="mt-8">
      <h2 id="xapi-log-heading" className="mb-3 text-lg font-semibold">
        Recent statements
      </h2>
      {log.isPending ? (
        <Loading label="Loading the statement log…" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.items.length === 0 ? (
        <EmptyState title="No statements yet">
          <p>
            {configured
              ? "Send a test statement to check the connection. Statements appear here when trainees complete lessons, pass or fail quizzes, complete a course or earn a certificate while sending is on."
              : "Enter your LRS's endpoint, key and secret above, turn sending on and save. Then send a test statement to check the connection."}
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">Statements sent to the LRS, newest first</caption>
              <thead className="bg-slate-100">
                <tr>
                  {["When", "Event", "Verb", "Activity", "Learner", "Status", "Attempts", "Last error"].map(
                    (h) => (
                      <th key={h} scope="col" className="px-3 py-2 font-semibold">
                        {h}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {log.items.map((s) => (
                  <tr key={s.id}>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatDateTime(s.createdAt, person.timeZone)}
                    </td>
                    <td className="px-3 py-2">{EVENT_LABELS[s.event]}</td>
                    <td className="px-3 py-2">
                      <span title={s.verb.id}>{s.verb.display}</span>
                    </td>
                    <td className="max-w-xs px-3 py-2 break-words">
                      <span title={s.object.id}>{s.object.name}</span>
                    </td>
                    <td className="px-3 py-2">{s.person?.name ?? "—"}</td>
                    <td className="px-3 py-2">
                      <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
                    </td>
                    <td className="px-3 py-2">{s.attempts}</td>
                    <td className="max-w-xs px-3 py-2 break-words">{s.lastError ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            shown={log.items.length}
            noun={log.items.length === 1 ? "statement" : "statements"}
            hasMore={log.hasNextPage}
            loading={log.isFetchingNextPage}
            onLoad={() => void log.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}

function XapiSettings() {
  const connection = useQuery({
    queryKey: connectionKey,
    queryFn: () => unwrap(api.GET("/api/integrations/xapi")),
  });
  if (connection.isPending) return <Loading label="Loading the LRS settings…" />;
  if (connection.isError)
    return <ErrorState error={connection.error} onRetry={() => void connection.refetch()} />;
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <ConnectionForm connection={connection.data} />
        </Card>
        <Card>
          <TestStatement configured={connection.data.configured} />
        </Card>
      </div>
      <StatementLog configured={connection.data.configured} />
    </>
  );
}

export default function XapiPage() {
  usePageTitle(TITLE);
  return (
    <RequireAdmin title={TITLE}>
      <BackLink to="/admin/integrations">Integrations</BackLink>
      <PageHeader
        title={TITLE}
        description="Send your trainees' learning events to a learning record store as xAPI 1.0.3 statements."
      />
      <XapiSettings />
    </RequireAdmin>
  );
}
