import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import {
  api,
  assertValid,
  type FieldErrors,
  fieldErrorsOf,
  type Schemas,
  unwrap,
} from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { CheckboxField, TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { BackLink, Card, PageHeader, Section, usePageTitle } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { RequireAdmin } from "../RequireAdmin.tsx";

type Endpoint = Schemas["WebhookEndpoint"];
type Delivery = Schemas["WebhookDelivery"];
type EventType = Schemas["WebhookEventType"];

const GROUPS: { prefix: string; label: string }[] = [
  { prefix: "person.", label: "People" },
  { prefix: "mentoring.", label: "Mentoring" },
  { prefix: "coaching.", label: "Coaching" },
  { prefix: "training.", label: "Training" },
];

const deliveryTone = { pending: "amber", succeeded: "green", failed: "red" } as const;
const deliveryLabel = { pending: "Pending", succeeded: "Delivered", failed: "Failed" } as const;

function useEventTypes() {
  return useQuery({
    queryKey: ["webhook-event-types"],
    queryFn: () => unwrap(api.GET("/api/webhooks/event-types")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function SecretNotice({ secret, onDone }: { secret: string; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="mb-6 rounded-lg border border-emerald-600 bg-emerald-50 p-4 text-emerald-950"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        Copy the signing secret now
      </h2>
      <p className="text-sm">
        It is shown only this once. Your receiver uses it to check the Trellis-Webhook-Signature header.
      </p>
      <label htmlFor={id} className="mt-2 block text-sm font-medium">
        Signing secret
      </label>
      <input
        id={id}
        ref={input}
        readOnly
        value={secret}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded-md border border-emerald-700 bg-white px-3 py-2 font-mono text-sm"
      />
      <Button variant="secondary" className="mt-3" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}

interface FormValue {
  url: string;
  description: string;
  events: EventType[];
  enabled: boolean;
}

function EndpointForm({
  initial,
  title,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  initial: FormValue;
  title: string;
  submitLabel: string;
  onSubmit: (v: FormValue) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
}) {
  const [form, setForm] = useState(initial);
  const [local, setLocal] = useState<unknown>(null);
  const types = useEventTypes();
  const headingId = useId();
  const fields = { ...fieldErrorsOf(error), ...fieldErrorsOf(local) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const errors: FieldErrors = {};
      if (!/^https?:\/\/\S+$/i.test(form.url.trim())) errors.url = "Enter the receiver's https:// address.";
      if (form.events.length === 0) errors.events = "Choose at least one event.";
      assertValid(errors);
      setLocal(null);
      onSubmit({ ...form, url: form.url.trim(), description: form.description.trim() });
    } catch (err) {
      setLocal(err);
    }
  };
  const toggle = (type: EventType, on: boolean) =>
    setForm((f) => ({ ...f, events: on ? [...f.events, type] : f.events.filter((t) => t !== type) }));
  return (
    <Card className="mb-6">
      <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby={headingId}>
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <FormAlert error={local ?? error} />
        <TextField
          label="URL"
          type="url"
          required
          autoComplete="off"
          hint="An https:// address that accepts POST requests with a JSON body."
          value={form.url}
          onChange={(e) => setForm((f) => ({ ...f, url: e.target.value }))}
          error={fields.url}
        />
        <TextField
          label="Description"
          autoComplete="off"
          hint="Optional: what receives these events."
          value={form.description}
          onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
          error={fields.description}
        />
        <fieldset aria-describedby={fields.events ? `${headingId}-events-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          {fields.events ? (
            <p id={`${headingId}-events-error`} className="text-sm text-red-800">
              {fields.events}
            </p>
          ) : null}
          {types.isPending ? <Loading label="Loading event types…" /> : null}
          <div className="mt-2 grid gap-4 md:grid-cols-2">
            {GROUPS.map((g) => {
              const items = (types.data?.items ?? []).filter((t) => t.type.startsWith(g.prefix));
              if (items.length === 0) return null;
              return (
                <fieldset key={g.prefix} className="rounded-md border border-slate-300 p-3">
                  <legend className="px-1 text-sm font-semibold">{g.label}</legend>
                  <div className="space-y-2">
                    {items.map((t) => (
                      <CheckboxField
                        key={t.type}
                        label={t.type}
                        hint={t.description}
                        checked={form.events.includes(t.type)}
                        onChange={(e) => toggle(t.type, e.target.checked)}
                      />
                    ))}
                  </div>
                </fieldset>
              );
            })}
          </div>
        </fieldset>
        <CheckboxField
          label="Enabled"
          hint="A disabled endpoint receives nothing."
          checked={form.enabled}
          onChange={(e) => setForm((f) => ({ ...f, enabled: e.target.checked }))}
        />
        <div className="flex gap-2">
          <SubmitButton pending={pending} pendingLabel="Saving…">
            {submitLabel}
          </SubmitButton>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

function DeliveryRow({ delivery, timeZone }: { delivery: Delivery; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const qc = useQueryClient();
  const toast = useToast();
  const detailsId = useId();
  const redeliver = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/webhooks/deliveries/{id}/redeliver", { params: { path: { id: delivery.id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["webhook-deliveries"] });
      void qc.invalidateQueries({ queryKey: ["webhook-endpoints"] });
      toast("Queued to be sent again.");
    },
    onError: (err) => toast(err.message, "error"),
  });
  return (
    <>
      <tr>
        <th scope="row" className="px-3 py-2 font-mono font-normal">
          {delivery.eventType}
        </th>
        <td className="px-3 py-2">
          <Badge tone={deliveryTone[delivery.status]}>{deliveryLabel[delivery.status]}</Badge>
        </td>
        <td className="px-3 py-2">{delivery.httpStatus ?? "—"}</td>
        <td className="px-3 py-2">{delivery.attempts}</td>
        <td className="px-3 py-2 whitespace-nowrap">
          {delivery.nextRetryAt ? formatDateTime(delivery.nextRetryAt, timeZone) : "—"}
        </td>
        <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(delivery.createdAt, timeZone)}</td>
        <td className="px-3 py-2">
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              className="px-2 py-1"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? "Hide details" : "Details"}
              <span className="sr-only"> of the {delivery.eventType} delivery</span>
            </Button>
            {delivery.status === "failed" ? (
              <Button
                variant="secondary"
                className="px-2 py-1"
                onClick={() => redeliver.mutate()}
                disabled={redeliver.isPending}
              >
                {redeliver.isPending ? "Queuing…" : "Redeliver"}
                <span className="sr-only"> the {delivery.eventType} delivery</span>
              </Button>
            ) : null}
          </div>
        </td>
      </tr>
      <tr id={detailsId} hidden={!open}>
        <td colSpan={7} className="bg-slate-50 px-3 py-3">
          {open ? (
            <div className="space-y-3 text-sm">
              <p>
                Delivery id <code className="font-mono">{delivery.id}</code>
              </p>
              {delivery.error ? <p className="text-red-800">{delivery.error}</p> : null}
              <div>
                <h3 className="font-semibold">Request body</h3>
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap">
                  {delivery.requestBody}
                </pre>
              </div>
              <div>
                <h3 className="font-semibold">Response (first 1 KB)</h3>
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap">
                  {delivery.responseExcerpt ?? "No response."}
                </pre>
              </div>
              <div>
                <h3 className="font-semibold">Attempts</h3>
                {delivery.attemptLog.length === 0 ? (
                  <p>Not attempted yet.</p>
                ) : (
                  <ol className="mt-1 list-decimal space-y-1 pl-5">
                    {delivery.attemptLog.map((a) => (
                      <li key={a.attempt}>
                        {formatDateTime(a.startedAt, timeZone)}: {a.outcome}
                        {a.httpStatus ? `, HTTP ${a.httpStatus}` : ""}, {a.durationMs} ms
                        {a.error ? ` — ${a.error}` : ""}
                        {a.nextRetryAt ? ` Next try ${formatDateTime(a.nextRetryAt, timeZone)}.` : ""}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </div>
          ) : null}
        </td>
      </tr>
    </>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { person } = useSession();
  const deliveries = useCursorList({
    queryKey: ["webhook-deliveries", endpoint.id],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/webhooks/endpoints/{id}/deliveries", {
          params: { path: { id: endpoint.id }, query: { limit: 25, cursor } },
        }),
      ),
    refetchInterval: (pages) =>
      pages?.some((p) => p.items.some((d) => d.status === "pending")) ? 2000 : false,
  });
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["webhook-deliveries", endpoint.id] });
    void qc.invalidateQueries({ queryKey: ["webhook-endpoints"] });
  };
  return (
    <Section
      title={`Delivery log: ${endpoint.description || endpoint.url}`}
      id="delivery-log"
      actions={
        <Button variant="secondary" onClick={refresh}>
          Refresh
        </Button>
      }
    >
      {deliveries.isPending ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.items.length === 0 ? (
        <EmptyState title="No deliveries yet">
          <p>
            Use “Send test event” above to check that your receiver answers, then watch events arrive here.
          </p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">Deliveries to {endpoint.url}, newest first</caption>
            <thead className="bg-slate-100">
              <tr>
                {["Event", "Status", "HTTP", "Attempts", "Next retry", "Created", "Actions"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {deliveries.items.map((d) => (
                <DeliveryRow key={d.id} delivery={d} timeZone={person.timeZone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        shown={deliveries.items.length}
        noun={deliveries.items.length === 1 ? "delivery" : "deliveries"}
        hasMore={deliveries.hasNextPage}
        loading={deliveries.isFetchingNextPage}
        onLoad={() => void deliveries.fetchNextPage()}
      />
    </Section>
  );
}

function EndpointCard({
  endpoint,
  selected,
  onSelect,
  onEdit,
  onSecret,
}: {
  endpoint: Endpoint;
  selected: boolean;
  onSelect: () => void;
  onEdit: () => void;
  onSecret: (secret: string) => void;
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { id: endpoint.id } } };
  const changed = () => {
    void qc.invalidateQueries({ queryKey: ["webhook-endpoints"] });
    void qc.invalidateQueries({ queryKey: ["webhook-deliveries", endpoint.id] });
  };
  const onError = (err: Error) => toast(err.message, "error");
  const test = useMutation({
    mutationFn: () => unwrap(api.POST("/api/webhooks/endpoints/{id}/test", path)),
    onSuccess: () => {
      changed();
      onSelect();
      toast("Test event queued. It appears in the delivery log.");
    },
    onError,
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST("/api/webhooks/endpoints/{id}/rotate-secret", path)),
    onSuccess: (res) => {
      changed();
      onSecret(res.secret);
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(api.PATCH("/api/webhooks/endpoints/{id}", { ...path, body: { enabled: !endpoint.enabled } })),
    onSuccess: (res) => {
      changed();
      toast(res.enabled ? "Endpoint enabled." : "Endpoint disabled.");
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/webhooks/endpoints/{id}", path)),
    onSuccess: () => {
      changed();
      toast("Endpoint deleted.");
    },
    onError,
  });
  const name = endpoint.description || endpoint.url;
  return (
    <li>
      <Card className={selected ? "ring-2 ring-emerald-700" : ""}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h3 className="font-semibold break-all">{endpoint.description || endpoint.url}</h3>
            {endpoint.description ? (
              <p className="font-mono text-sm break-all text-slate-700">{endpoint.url}</p>
            ) : null}
          </div>
          {endpoint.enabled ? (
            <Badge tone="green">Enabled</Badge>
          ) : (
            <Badge tone={endpoint.disabledReason ? "red" : "slate"}>Disabled</Badge>
          )}
        </div>
        {endpoint.disabledReason ? (
          <p className="mt-2 text-sm text-red-800">{endpoint.disabledReason}</p>
        ) : null}
        <p className="mt-2 text-sm text-slate-700">
          {endpoint.events.length} {endpoint.events.length === 1 ? "event" : "events"}:{" "}
          <span className="font-mono">{endpoint.events.join(", ")}</span>
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {endpoint.deliveries.succeeded} delivered, {endpoint.deliveries.pending} pending,{" "}
          {endpoint.deliveries.failed} failed
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="secondary" className="px-2 py-1" onClick={onSelect} aria-pressed={selected}>
            Delivery log<span className="sr-only"> of {name}</span>
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1"
            onClick={() => test.mutate()}
            disabled={test.isPending || !endpoint.enabled}
          >
            {test.isPending ? "Sending…" : "Send test event"}
            <span className="sr-only"> to {name}</span>
          </Button>
          <Button variant="secondary" className="px-2 py-1" onClick={onEdit}>
            Edit<span className="sr-only"> {name}</span>
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1"
            onClick={() => toggle.mutate()}
            disabled={toggle.isPending}
          >
            {endpoint.enabled ? "Disable" : "Enable"}
            <span className="sr-only"> {name}</span>
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1"
            onClick={() => rotate.mutate()}
            disabled={rotate.isPending}
          >
            Rotate secret<span className="sr-only"> of {name}</span>
          </Button>
          {confirming ? (
            <>
              <Button
                variant="danger"
                className="px-2 py-1"
                onClick={() => remove.mutate()}
                disabled={remove.isPending}
              >
                Confirm delete<span className="sr-only"> {name}</span>
              </Button>
              <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <Button
              variant="secondary"
              className="px-2 py-1 text-red-800"
              onClick={() => setConfirming(true)}
            >
              Delete<span className="sr-only"> {name}</span>
            </Button>
          )}
        </div>
      </Card>
    </li>
  );
}

const EMPTY_FORM: FormValue = { url: "", description: "", events: [], enabled: true };

function Webhooks() {
  const qc = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState<Endpoint | "new" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const endpoints = useQuery({
    queryKey: ["webhook-endpoints"],
    queryFn: () => unwrap(api.GET("/api/webhooks/endpoints")),
  });
  const save = useMutation({
    mutationFn: async (v: FormValue) => {
      if (editing && editing !== "new") {
        const endpoint = await unwrap(
          api.PATCH("/api/webhooks/endpoints/{id}", { params: { path: { id: editing.id } }, body: v }),
        );
        return { endpoint, secret: null };
      }
      return unwrap(api.POST("/api/webhooks/endpoints", { body: v }));
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ["webhook-endpoints"] });
      setEditing(null);
      setSelectedId(res.endpoint.id);
      if (res.secret) setSecret(res.secret);
      else toast("Endpoint saved.");
    },
  });
  const items = endpoints.data?.items ?? [];
  const selected = items.find((e) => e.id === selectedId) ?? null;
  return (
    <>
      {secret ? <SecretNotice secret={secret} onDone={() => setSecret(null)} /> : null}
      {editing ? (
        <EndpointForm
          key={editing === "new" ? "new" : editing.id}
          title={editing === "new" ? "Add an endpoint" : "Edit the endpoint"}
          submitLabel={editing === "new" ? "Add endpoint" : "Save changes"}
          initial={
            editing === "new"
              ? EMPTY_FORM
              : {
                  url: editing.url,
                  description: editing.description,
                  events: editing.events,
                  enabled: editing.enabled,
                }
          }
          pending={save.isPending}
          error={save.error}
          onSubmit={(v) => save.mutate(v)}
          onCancel={() => {
            save.reset();
            setEditing(null);
          }}
        />
      ) : null}
      <Section
        title="Endpoints"
        actions={
          editing ? null : (
            <Button
              onClick={() => {
                save.reset();
                setEditing("new");
              }}
            >
              Add endpoint
            </Button>
          )
        }
      >
        {endpoints.isPending ? (
          <Loading label="Loading endpoints…" />
        ) : endpoints.isError ? (
          <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            <p>
              Choose “Add endpoint”, give the https:// address of your receiver and the events it wants, then
              send a test event.
            </p>
          </EmptyState>
        ) : (
          <ul className="space-y-4">
            {items.map((e) => (
              <EndpointCard
                key={e.id}
                endpoint={e}
                selected={e.id === selectedId}
                onSelect={() => setSelectedId(e.id)}
                onEdit={() => {
                  save.reset();
                  setEditing(e);
                }}
                onSecret={setSecret}
              />
            ))}
          </ul>
        )}
      </Section>
      {selected ? <DeliveryLog key={selected.id} endpoint={selected} /> : null}
    </>
  );
}

export default function WebhooksPage() {
  usePageTitle("Webhooks");
  return (
    <RequireAdmin title="Webhooks">
      <BackLink to="/admin/integrations">Integrations</BackLink>
      <PageHeader
        title="Webhooks"
        description="Trellis POSTs signed JSON to your endpoints when requests, relationships, sessions, enrolments and certificates change. Payloads carry ids and states, never notes or other confidential content."
      />
      <Webhooks />
    </RequireAdmin>
  );
}
