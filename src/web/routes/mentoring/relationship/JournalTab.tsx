import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { useSession } from "../../../api/session.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { firstPageOnly, LIST_PAGE_SIZE, liveQuery, mentoringKeys } from "../../../lib/mentoring.ts";
import { ConfidentialNotice } from "../parts.tsx";
import type { TabProps } from "./shared.ts";

function JournalForm({ relationshipId }: { relationshipId: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState("");
  const write = useMutation({
    mutationFn: (body: { text: string }) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/journal", {
          params: { path: { id: relationshipId } },
          body,
        }),
      ),
    onSuccess: (list) => {
      qc.setQueryData(mentoringKeys.part(relationshipId, "journal"), firstPageOnly(list));
      setText("");
      toast("Journal entry saved.");
    },
  });
  const { shownError, validate } = useClientValidation(write.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate(text.trim() ? {} : { text: "Write something before saving." })) return;
    write.mutate({ text: text.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="New journal entry">
      <FormAlert error={shownError} title="The entry could not be saved" />
      <TextAreaField
        label="New entry"
        rows={6}
        maxLength={20000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        hint="Reflections, questions for next time, things you noticed. Your partner reads it too."
        error={fieldErrorsOf(shownError).text}
      />
      <SubmitButton pending={write.isPending}>Save entry</SubmitButton>
    </form>
  );
}

export function JournalTab({ relationship: r, timeZone }: TabProps) {
  const { person } = useSession();
  const journal = useCursorList({
    queryKey: mentoringKeys.part(r.id, "journal"),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/relationships/{id}/journal", {
          params: { path: { id: r.id }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  const { items } = journal;
  const canWrite = r.status === "proposed" || r.status === "active";
  return (
    <div className="space-y-6">
      <ConfidentialNotice />
      {canWrite ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Write in the journal</h2>
          <JournalForm relationshipId={r.id} />
        </Card>
      ) : null}
      <section aria-labelledby="journal-entries">
        <h2 id="journal-entries" className="mb-3 text-lg font-semibold">
          Entries
        </h2>
        <QueryList
          query={journal}
          loadingLabel="Loading the journal…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="The journal is empty">
              <p>
                {canWrite
                  ? "A shared journal helps you both reflect between meetings. Either of you can write the first entry."
                  : "Nothing was written in this journal."}
              </p>
            </EmptyState>
          }
        >
          <ol className="space-y-3">
            {items.map((j) => (
              <li key={j.id} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
                <p className="text-sm text-slate-700">
                  <span className="font-semibold text-slate-900">
                    {j.author.id === person.id ? "You" : j.author.name}
                  </span>{" "}
                  · {formatDateTime(j.createdAt, timeZone)}
                </p>
                <p className="mt-2 whitespace-pre-line">{j.text}</p>
              </li>
            ))}
          </ol>
          <LoadMore
            shown={journal.items.length}
            noun={journal.items.length === 1 ? "entry" : "entries"}
            hasMore={journal.hasNextPage}
            loading={journal.isFetchingNextPage}
            onLoad={() => void journal.fetchNextPage()}
          />
        </QueryList>
      </section>
    </div>
  );
}
