import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { AddToCalendarLink } from "../../../components/AddToCalendar.tsx";
import { SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card } from "../../../components/Page.tsx";
import { TagListEditor } from "../../../components/TagListEditor.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  firstPageOnly,
  formatDay,
  LIST_PAGE_SIZE,
  liveQuery,
  mentoringKeys,
  todayIn,
} from "../../../lib/mentoring.ts";
import { ConfidentialNotice } from "../parts.tsx";
import type { TabProps } from "./shared.ts";

function MeetingForm({ relationshipId, timeZone }: { relationshipId: string; timeZone: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const today = todayIn(timeZone);
  const [metOn, setMetOn] = useState(today);
  const [duration, setDuration] = useState("45");
  const [topics, setTopics] = useState<string[]>([]);
  const [notes, setNotes] = useState("");
  const log = useMutation({
    mutationFn: (body: { metOn: string; durationMinutes: number; topics: string[]; notes: string }) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/meetings", {
          params: { path: { id: relationshipId } },
          body,
        }),
      ),
    onSuccess: (list) => {
      qc.setQueryData(mentoringKeys.part(relationshipId, "meetings"), firstPageOnly(list));
      void qc.invalidateQueries({ queryKey: mentoringKeys.relationship(relationshipId), exact: true });
      void qc.invalidateQueries({ queryKey: mentoringKeys.relationships });
      setTopics([]);
      setNotes("");
      toast("Meeting logged.");
    },
  });
  const { shownError, validate } = useClientValidation(log.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(metOn)) errors.metOn = "Pick the day you met.";
    else if (metOn > today) errors.metOn = "Log meetings that have happened, not future ones.";
    const minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 600)
      errors.durationMinutes = "Enter the length in minutes, from 5 to 600.";
    if (!validate(errors)) return;
    log.mutate({ metOn, durationMinutes: minutes, topics, notes: notes.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Log a meeting">
      <FormAlert error={shownError} title="The meeting could not be logged" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Date"
          type="date"
          required
          max={today}
          value={metOn}
          onChange={(e) => setMetOn(e.target.value)}
          error={fields.metOn}
        />
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          required
          min={5}
          max={600}
          step={5}
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
          error={fields.durationMinutes}
        />
      </div>
      <TagListEditor
        label="Topics"
        values={topics}
        onChange={setTopics}
        max={20}
        placeholder="e.g. Career plan"
        hint="Press Enter after each topic."
        error={fields.topics}
      />
      <TextAreaField
        label="Notes"
        rows={5}
        maxLength={10000}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        hint="What you discussed, what you agreed to try before next time."
        error={fields.notes}
      />
      <SubmitButton pending={log.isPending} pendingLabel="Logging…">
        Log the meeting
      </SubmitButton>
    </form>
  );
}

export function MeetingsTab({ relationship: r, timeZone }: TabProps) {
  const meetings = useCursorList({
    queryKey: mentoringKeys.part(r.id, "meetings"),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/relationships/{id}/meetings", {
          params: { path: { id: r.id }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  const { items } = meetings;
  return (
    <div className="space-y-6">
      <ConfidentialNotice />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">Log a meeting</h2>
          {r.status === "active" ? (
            <MeetingForm relationshipId={r.id} timeZone={timeZone} />
          ) : r.status === "proposed" ? (
            <p className="text-sm text-slate-800">
              You can log meetings once you have both signed the agreement.
            </p>
          ) : (
            <p className="text-sm text-slate-800">
              This relationship has ended; its meeting log is kept for you both.
            </p>
          )}
        </Card>
        <section aria-labelledby="meeting-log" className="lg:col-span-3">
          <h2 id="meeting-log" className="mb-3 text-lg font-semibold">
            Meeting log
          </h2>
          <QueryList
            query={meetings}
            loadingLabel="Loading meetings…"
            isEmpty={items.length === 0}
            empty={
              <EmptyState title="No meetings logged yet">
                <p>
                  After each conversation, either of you can log it here: when you met, for how long, and what
                  you talked about. It keeps you both on track.
                </p>
              </EmptyState>
            }
          >
            <ol className="space-y-3">
              {items.map((m) => (
                <li key={m.id} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
                  <h3 className="font-semibold">
                    {formatDay(m.metOn)} · {m.durationMinutes} min
                  </h3>
                  <p className="text-sm text-slate-700">Logged by {m.author.name}</p>
                  <p className="mt-1">
                    <AddToCalendarLink
                      href={`/api/mentoring/meetings/${m.id}/calendar.ics`}
                      what={`meeting of ${formatDay(m.metOn)}`}
                    />
                  </p>
                  {m.topics.length ? (
                    <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Topics">
                      {m.topics.map((t) => (
                        <li
                          key={t}
                          className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-900"
                        >
                          {t}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {m.notes ? <p className="mt-2 whitespace-pre-line text-slate-900">{m.notes}</p> : null}
                </li>
              ))}
            </ol>
            <LoadMore
              shown={meetings.items.length}
              noun={meetings.items.length === 1 ? "meeting" : "meetings"}
              hasMore={meetings.hasNextPage}
              loading={meetings.isFetchingNextPage}
              onLoad={() => void meetings.fetchNextPage()}
            />
          </QueryList>
        </section>
      </div>
    </div>
  );
}
