import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import {
  api,
  assertValid,
  type FieldErrors,
  fieldErrorsOf,
  type Invitation,
  type OrgRole,
  type Schemas,
  unwrap,
} from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, SubmitButton } from "../../components/Button.tsx";
import { FacetDatalist } from "../../components/FacetSearch.tsx";
import { Badge, EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { PersonPicker } from "../../components/PersonPicker.tsx";
import { TimeZoneField } from "../../components/TimeZoneField.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate, safeZone } from "../../lib/dates.ts";
import { ROLE_LABELS, ROLE_OPTIONS } from "../../lib/labels.ts";
import { SENIORITY_OPTIONS } from "../people/AdminPersonForms.tsx";
import { RequireAdmin } from "./RequireAdmin.tsx";

type Ref = NonNullable<Schemas["PersonRef"]>;
const orNull = (s: string) => (s.trim() ? s.trim() : null);

const statusTone = { pending: "amber", accepted: "green", expired: "slate", revoked: "red" } as const;
const statusLabel = {
  pending: "Pending",
  accepted: "Accepted",
  expired: "Expired",
  revoked: "Revoked",
} as const;

function InviteForm() {
  const qc = useQueryClient();
  const toast = useToast();
  const { person: me } = useSession();
  const departmentsId = useId();
  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
  });
  const browserZone = safeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const empty = {
    email: "",
    name: "",
    role: "member" as OrgRole,
    title: "",
    department: "",
    seniority: "",
    timeZone: me.timeZone || browserZone,
  };
  const [form, setForm] = useState(empty);
  const [manager, setManager] = useState<Ref | null>(null);
  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const invite = useMutation({
    mutationFn: async () => {
      const errors: FieldErrors = {};
      if (!/^\S+@\S+\.\S+$/.test(form.email.trim())) errors.email = "Enter a valid email address.";
      if (!form.name.trim()) errors.name = "Enter the person's name.";
      assertValid(errors);
      return unwrap(
        api.POST("/api/invitations", {
          body: {
            email: form.email.trim(),
            name: form.name.trim(),
            role: form.role,
            title: orNull(form.title),
            department: orNull(form.department),
            seniority: form.seniority ? Number(form.seniority) : null,
            managerId: manager?.id ?? null,
            timeZone: form.timeZone,
          },
        }),
      );
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ["invitations"] });
      void qc.invalidateQueries({ queryKey: ["people"] });
      void qc.invalidateQueries({ queryKey: ["organization-stats"] });
      setForm(empty);
      setManager(null);
      if (res.emailDelivered) toast(`Invitation sent to ${res.invitation.email}.`);
      else
        toast(
          `Invited ${res.invitation.email}, but the email could not be sent. Try "Resend" later.`,
          "error",
        );
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  const fields = fieldErrorsOf(invite.error);
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite a person
        </h2>
        <p className="text-sm text-slate-700">
          They get an email with a link to choose a password. The link works for 14 days.
        </p>
        <FormAlert error={invite.error} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Email"
            type="email"
            required
            autoComplete="off"
            value={form.email}
            onChange={(e) => set("email", e.target.value)}
            error={fields.email}
          />
          <TextField
            label="Name"
            required
            autoComplete="off"
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            error={fields.name}
          />
          <SelectField
            label="Role"
            value={form.role}
            onChange={(e) => set("role", e.target.value as OrgRole)}
            options={ROLE_OPTIONS}
            error={fields.role}
          />
          <TextField
            label="Title"
            value={form.title}
            onChange={(e) => set("title", e.target.value)}
            error={fields.title}
          />
          <TextField
            label="Department"
            list={departmentsId}
            value={form.department}
            onChange={(e) => set("department", e.target.value)}
            error={fields.department}
          />
          <FacetDatalist
            id={departmentsId}
            facet="department"
            summary={facets.data?.departments}
            text={form.department}
          />
          <SelectField
            label="Seniority level"
            value={form.seniority}
            onChange={(e) => set("seniority", e.target.value)}
            placeholder="Not set"
            options={SENIORITY_OPTIONS}
            error={fields.seniority}
          />
          <TimeZoneField value={form.timeZone} onChange={(v) => set("timeZone", v)} error={fields.timeZone} />
          <PersonPicker label="Manager" value={manager} onChange={setManager} error={fields.managerId} />
        </div>
        <SubmitButton pending={invite.isPending} pendingLabel="Sending invitation…">
          Send invitation
        </SubmitButton>
      </form>
    </Card>
  );
}

function InvitationRow({ invitation, timeZone }: { invitation: Invitation; timeZone: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const done = () => {
    void qc.invalidateQueries({ queryKey: ["invitations"] });
    void qc.invalidateQueries({ queryKey: ["people"] });
  };
  const resend = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/invitations/{id}/resend", { params: { path: { id: invitation.id } } })),
    onSuccess: (res) => {
      done();
      toast(
        res.emailDelivered ? `Sent a new link to ${invitation.email}.` : "The email could not be sent.",
        res.emailDelivered ? "success" : "error",
      );
    },
    onError: (err) => toast(err.message, "error"),
  });
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/invitations/{id}", { params: { path: { id: invitation.id } } })),
    onSuccess: () => {
      setConfirming(false);
      done();
      toast(`Revoked the invitation to ${invitation.email}.`);
    },
    onError: (err) => toast(err.message, "error"),
  });
  const canResend = invitation.status === "pending" || invitation.status === "expired";
  return (
    <tr>
      <th scope="row" className="px-3 py-2 font-normal">
        <Link to={`/people/${invitation.personId}`} className="font-semibold">
          {invitation.name}
        </Link>
        <div className="text-slate-700">{invitation.email}</div>
      </th>
      <td className="px-3 py-2">{ROLE_LABELS[invitation.role]}</td>
      <td className="px-3 py-2">
        <Badge tone={statusTone[invitation.status]}>{statusLabel[invitation.status]}</Badge>
      </td>
      <td className="px-3 py-2">{invitation.invitedBy.name}</td>
      <td className="px-3 py-2 whitespace-nowrap">{formatDate(invitation.createdAt, timeZone)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {invitation.status === "pending" || invitation.status === "expired"
          ? formatDate(invitation.expiresAt, timeZone)
          : "—"}
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-2">
          {canResend ? (
            <Button
              variant="secondary"
              className="px-2 py-1"
              onClick={() => resend.mutate()}
              disabled={resend.isPending}
            >
              {resend.isPending ? "Sending…" : "Resend"}
              <span className="sr-only"> invitation to {invitation.email}</span>
            </Button>
          ) : null}
          {invitation.status === "pending" ? (
            confirming ? (
              <>
                <Button
                  variant="danger"
                  className="px-2 py-1"
                  onClick={() => revoke.mutate()}
                  disabled={revoke.isPending}
                >
                  {revoke.isPending ? "Revoking…" : "Confirm revoke"}
                  <span className="sr-only"> invitation to {invitation.email}</span>
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
                Revoke<span className="sr-only"> invitation to {invitation.email}</span>
              </Button>
            )
          ) : null}
        </div>
      </td>
    </tr>
  );
}

const PAGE_SIZE = 50;

function InvitationList() {
  const { person } = useSession();
  const [show, setShow] = useState<"open" | "all">("open");
  const invitations = useCursorList({
    queryKey: ["invitations", show],
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/invitations", { params: { query: { show, limit: PAGE_SIZE, cursor } } })),
  });
  const noneOpen = show === "open" && invitations.isSuccess && invitations.items.length === 0;
  const anyAtAll = useQuery({
    queryKey: ["invitations", "any"],
    queryFn: () => unwrap(api.GET("/api/invitations", { params: { query: { limit: 1 } } })),
    enabled: noneOpen,
  });
  if (invitations.isPending || (noneOpen && anyAtAll.isPending))
    return <Loading label="Loading invitations…" />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.items;
  const neverInvited = show === "all" ? items.length === 0 : anyAtAll.data?.items.length === 0;
  return (
    <>
      <div className="mb-3 flex items-center gap-3">
        <SelectField
          label="Show"
          className="w-64 space-y-1"
          value={show}
          onChange={(e) => setShow(e.target.value === "all" ? "all" : "open")}
          options={[
            { value: "open", label: "Pending and expired" },
            { value: "all", label: "All invitations" },
          ]}
        />
      </div>
      {items.length === 0 ? (
        neverInvited ? (
          <EmptyState title="No invitations yet">
            <p>Invite the first person with the form above. They will appear here until they accept.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No open invitations">
            <p>Everyone you invited has answered. Choose “All invitations” to see the history.</p>
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">Invitations</caption>
            <thead className="bg-slate-100">
              <tr>
                {["Person", "Role", "Status", "Invited by", "Sent", "Expires", "Actions"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((i) => (
                <InvitationRow key={i.id} invitation={i} timeZone={person.timeZone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        shown={items.length}
        noun={items.length === 1 ? "invitation" : "invitations"}
        hasMore={invitations.hasNextPage}
        loading={invitations.isFetchingNextPage}
        onLoad={() => void invitations.fetchNextPage()}
      />
    </>
  );
}

export default function InvitationsPage() {
  usePageTitle("Invitations");
  return (
    <RequireAdmin title="Invitations">
      <PageHeader
        title="Invitations"
        description="People join Trellis by invitation. Invite, resend or revoke here."
      />
      <div className="mb-8">
        <InviteForm />
      </div>
      <Section title="Sent invitations">
        <InvitationList />
      </Section>
    </RequireAdmin>
  );
}
