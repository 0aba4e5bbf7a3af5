import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { Badge, EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card } from "../../../components/Page.tsx";
import { PersonPicker } from "../../../components/PersonPicker.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { INTRODUCTION_STATUS, LIST_PAGE_SIZE, liveQuery, mentoringKeys } from "../../../lib/mentoring.ts";
import type { TabProps } from "./shared.ts";

type Ref = Schemas["PersonRef"];

function IntroduceForm({ relationshipId, mentee }: { relationshipId: string; mentee: Ref }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [contact, setContact] = useState<Ref | null>(null);
  const [note, setNote] = useState("");
  const introduce = useMutation({
    mutationFn: (body: { contactId: string; note: string }) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/introductions", {
          params: { path: { id: relationshipId } },
          body,
        }),
      ),
    onSuccess: (i) => {
      void qc.invalidateQueries({ queryKey: mentoringKeys.introductions });
      setContact(null);
      setNote("");
      toast(`Introduction sent. ${i.contact.name} will be asked to accept.`);
    },
  });
  const { shownError, validate } = useClientValidation(introduce.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!contact) errors.contactId = "Choose who to introduce them to.";
    if (!note.trim()) errors.note = "Say why they should meet.";
    if (!validate(errors)) return;
    if (contact) introduce.mutate({ contactId: contact.id, note: note.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Make an introduction">
      <FormAlert error={shownError} title="The introduction was not sent" />
      <PersonPicker
        label="Contact"
        value={contact}
        onChange={setContact}
        excludeId={mentee.id}
        hint={`Someone in the directory who could help ${mentee.name}.`}
        error={fields.contactId}
      />
      <TextAreaField
        label="Note"
        required
        rows={4}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        hint={`Why they should meet. The contact and ${mentee.name} both read it.`}
        error={fields.note}
      />
      <SubmitButton pending={introduce.isPending} pendingLabel="Sending…">
        Send the introduction
      </SubmitButton>
    </form>
  );
}

export function IntroductionsTab({ relationship: r, timeZone }: TabProps) {
  const introductions = useCursorList({
    queryKey: mentoringKeys.introductionList({ relationshipId: r.id }),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/introductions", {
          params: { query: { relationshipId: r.id, cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  const { items } = introductions;
  const isMentor = r.mySide === "mentor";
  return (
    <div className="space-y-6">
      <p className="text-slate-800">
        Mentors open their network: an introduction puts {isMentor ? r.mentee.name : "you"} in touch with
        someone who can help. The contact accepts or declines.
      </p>
      {isMentor ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Introduce {r.mentee.name} to someone</h2>
          {r.status === "active" ? (
            <IntroduceForm relationshipId={r.id} mentee={r.mentee} />
          ) : (
            <p className="text-sm text-slate-800">
              You can make introductions while the relationship is active.
            </p>
          )}
        </Card>
      ) : null}
      <section aria-labelledby="introduction-list">
        <h2 id="introduction-list" className="mb-3 text-lg font-semibold">
          Introductions
        </h2>
        <QueryList
          query={introductions}
          loadingLabel="Loading introductions…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No introductions yet">
              <p>
                {isMentor
                  ? `Think of people who could help ${r.mentee.name} with their goals, and introduce them.`
                  : `${r.mentor.name} can introduce you to people in their network. They will appear here.`}
              </p>
            </EmptyState>
          }
        >
          <ul className="space-y-3">
            {items.map((i) => {
              const status = INTRODUCTION_STATUS[i.status];
              return (
                <li key={i.id} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="font-semibold">
                      {isMentor ? `${r.mentee.name} → ` : "You → "}
                      <Link to={`/people/${i.contact.id}`}>{i.contact.name}</Link>
                    </p>
                    <Badge tone={status.tone}>{status.label}</Badge>
                  </div>
                  <p className="text-sm text-slate-700">Sent {formatDate(i.createdAt, timeZone)}</p>
                  <p className="mt-2 whitespace-pre-line">{i.note}</p>
                </li>
              );
            })}
          </ul>
          <LoadMore
            shown={introductions.items.length}
            noun={introductions.items.length === 1 ? "introduction" : "introductions"}
            hasMore={introductions.hasNextPage}
            loading={introductions.isFetchingNextPage}
            onLoad={() => void introductions.fetchNextPage()}
          />
        </QueryList>
      </section>
    </div>
  );
}
