import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, type Schemas, unwrap } from "../../../api/client.ts";
import { useCursorList } from "../../../api/paging.ts";
import { SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, FormAlert, QueryList } from "../../../components/Feedback.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { LoadMore } from "../../../components/LoadMore.tsx";
import { Card } from "../../../components/Page.tsx";
import { RatingField } from "../../../components/RatingField.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import {
  firstPageOnly,
  formatDay,
  LIST_PAGE_SIZE,
  liveQuery,
  mentoringKeys,
} from "../../../lib/mentoring.ts";
import { ConfidentialNotice } from "../parts.tsx";
import { addMonths, type TabProps } from "./shared.ts";

type Checkin = Schemas["MentoringCheckin"];

function CheckinForm({ relationshipId, period }: { relationshipId: string; period: number }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [learned, setLearned] = useState("");
  const [wouldChange, setWouldChange] = useState("");
  const send = useMutation({
    mutationFn: (body: { satisfaction: number; learned: string; wouldChange: string }) =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/checkins", {
          params: { path: { id: relationshipId } },
          body,
        }),
      ),
    onSuccess: (list) => {
      qc.setQueryData(mentoringKeys.part(relationshipId, "checkins"), firstPageOnly(list));
      void qc.invalidateQueries({ queryKey: mentoringKeys.relationship(relationshipId), exact: true });
      toast("Thank you for checking in.");
    },
  });
  const { shownError, validate } = useClientValidation(send.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (satisfaction === null) errors.satisfaction = "Choose how satisfied you are, from 1 to 5.";
    if (!learned.trim()) errors.learned = "Write at least one thing you learned.";
    if (!validate(errors)) return;
    if (satisfaction !== null)
      send.mutate({ satisfaction, learned: learned.trim(), wouldChange: wouldChange.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={`Check-in ${period}`}>
      <FormAlert error={shownError} title="Your check-in could not be saved" />
      <RatingField
        label="How satisfied are you with the relationship?"
        required
        hint="1 = very unhappy, 5 = very happy."
        value={satisfaction}
        onChange={setSatisfaction}
        error={fields.satisfaction}
      />
      <TextAreaField
        label="What I learned"
        required
        rows={3}
        maxLength={2000}
        value={learned}
        onChange={(e) => setLearned(e.target.value)}
        hint="Mentors learn too: both of you answer."
        error={fields.learned}
      />
      <TextAreaField
        label="What I'd change"
        rows={3}
        maxLength={2000}
        value={wouldChange}
        onChange={(e) => setWouldChange(e.target.value)}
        error={fields.wouldChange}
      />
      <SubmitButton pending={send.isPending}>Send my check-in</SubmitButton>
    </form>
  );
}

function CheckinAnswer({ c, timeZone }: { c: Checkin; timeZone: string }) {
  const who = c.side === "mentor" ? "the mentor" : "the mentee";
  return (
    <li className="rounded-md border border-slate-200 p-3">
      <p className="font-semibold">
        {c.side === "mentor" ? "Mentor" : "Mentee"}: {c.author.name}
        <span className="font-normal text-slate-700">
          {" "}
          · {formatDate(c.createdAt, timeZone)} · satisfaction {c.satisfaction}/5
        </span>
      </p>
      <dl className="mt-2 space-y-2 text-sm">
        <div>
          <dt className="font-medium text-slate-700">What {who} learned</dt>
          <dd className="whitespace-pre-line">{c.learned}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">What {who} would change</dt>
          <dd className="whitespace-pre-line">{c.wouldChange || "Nothing."}</dd>
        </div>
      </dl>
    </li>
  );
}

export function CheckinsTab({ relationship: r, timeZone }: TabProps) {
  const checkins = useCursorList({
    queryKey: mentoringKeys.part(r.id, "checkins"),
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/mentoring/relationships/{id}/checkins", {
          params: { path: { id: r.id }, query: { cursor, limit: LIST_PAGE_SIZE } },
        }),
      ),
  });
  const { duePeriod, mine, intervalMonths } = r.checkin;
  const { items } = checkins;
  const periods = [...new Set(items.map((c) => c.period))].sort((a, b) => b - a);
  const nextDue = r.startDate ? addMonths(r.startDate, (duePeriod + 1) * intervalMonths) : null;
  const every = `${intervalMonths} ${intervalMonths === 1 ? "month" : "months"}`;
  return (
    <div className="space-y-6">
      <ConfidentialNotice>
        Check-ins are read by the two of you only. They help you both say how it is going, every {every}.
      </ConfidentialNotice>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">
          {r.status === "active" && duePeriod > 0 && !mine ? `Check-in ${duePeriod} is due` : "Your check-in"}
        </h2>
        {r.status !== "active" ? (
          <p className="text-sm text-slate-800">
            {r.status === "proposed"
              ? `Check-ins start once the relationship is active: the first is due ${every} after the start.`
              : "This relationship has ended, so there are no more check-ins."}
          </p>
        ) : duePeriod > 0 && !mine ? (
          <CheckinForm relationshipId={r.id} period={duePeriod} />
        ) : duePeriod === 0 ? (
          <p className="text-sm text-slate-800">
            The first check-in is due {every} after the start{nextDue ? `, on ${formatDay(nextDue)}` : ""}.
          </p>
        ) : (
          <p className="text-sm text-slate-800">
            You have answered check-in {duePeriod}. The next one is due
            {nextDue ? ` on ${formatDay(nextDue)}` : " later"}.
          </p>
        )}
      </Card>
      <section aria-labelledby="checkin-list">
        <h2 id="checkin-list" className="mb-3 text-lg font-semibold">
          Answers from both of you
        </h2>
        <QueryList
          query={checkins}
          loadingLabel="Loading check-ins…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No check-ins yet">
              <p>
                When a check-in is due, each of you answers three short questions. Both answers appear here.
              </p>
            </EmptyState>
          }
        >
          <div className="space-y-4">
            {periods.map((p) => (
              <section key={p} aria-labelledby={`checkin-period-${p}`}>
                <h3 id={`checkin-period-${p}`} className="mb-2 font-semibold">
                  Check-in {p}
                </h3>
                <ul className="space-y-2">
                  {items
                    .filter((c) => c.period === p)
                    .map((c) => (
                      <CheckinAnswer key={c.id} c={c} timeZone={timeZone} />
                    ))}
                </ul>
              </section>
            ))}
          </div>
          <LoadMore
            shown={checkins.items.length}
            noun={checkins.items.length === 1 ? "answer" : "answers"}
            hasMore={checkins.hasNextPage}
            loading={checkins.isFetchingNextPage}
            onLoad={() => void checkins.fetchNextPage()}
          />
        </QueryList>
      </section>
    </div>
  );
}
