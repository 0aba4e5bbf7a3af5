import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { TextAreaField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { BackLink, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { gradePath, liveQuery, type QueuedSubmission, trainingKeys } from "../../lib/training.ts";
import { TrainingAlert } from "./cohort/parts.tsx";

const PAGE_SIZE = 20;

/** What waits for the trainer: hands-on activities to accept or send back, and practicals to grade. */
export default function GradingQueuePage() {
  usePageTitle("Grading queue");
  const { person } = useSession();
  const submissions = useCursorList({
    queryKey: [...trainingKeys.gradingQueue, "submissions"],
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/training/grading-queue/submissions", {
          params: { query: { limit: PAGE_SIZE, cursor } },
        }),
      ),
  });
  const practicals = useCursorList({
    queryKey: [...trainingKeys.gradingQueue, "practicals"],
    ...liveQuery,
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/training/grading-queue/practicals", {
          params: { query: { limit: PAGE_SIZE, cursor } },
        }),
      ),
  });
  const submissionTotal = submissions.first?.total ?? 0;
  const practicalTotal = practicals.first?.total ?? 0;
  return (
    <>
      <BackLink to="/training">My training</BackLink>
      <PageHeader
        title="Grading queue"
        description="Activity submissions to review and practical evaluations to grade, across the cohorts you teach."
      />
      <Section
        title={`Activities to review${submissions.first ? ` (${submissionTotal})` : ""}`}
        id="queue-submissions"
      >
        {submissions.isPending ? (
          <Loading label="Loading the activities to review…" />
        ) : submissions.isError ? (
          <ErrorState error={submissions.error} onRetry={() => void submissions.refetch()} />
        ) : submissions.items.length === 0 ? (
          <EmptyState title="No activities waiting">
            <p>
              When a trainee submits a lesson's hands-on activity, it appears here. Accept it to mark the
              lesson done, or send it back with feedback.
            </p>
          </EmptyState>
        ) : (
          <>
            <ul className="space-y-4">
              {submissions.items.map((s) => (
                <SubmissionItem key={s.id} submission={s} timeZone={person.timeZone} />
              ))}
            </ul>
            <LoadMore
              shown={submissions.items.length}
              total={submissionTotal}
              noun={submissionTotal === 1 ? "activity" : "activities"}
              hasMore={submissions.hasNextPage}
              loading={submissions.isFetchingNextPage}
              onLoad={() => void submissions.fetchNextPage()}
            />
          </>
        )}
      </Section>
      <Section
        title={`Practicals to grade${practicals.first ? ` (${practicalTotal})` : ""}`}
        id="queue-practicals"
      >
        {practicals.isPending ? (
          <Loading label="Loading the practicals to grade…" />
        ) : practicals.isError ? (
          <ErrorState error={practicals.error} onRetry={() => void practicals.refetch()} />
        ) : practicals.items.length === 0 ? (
          <EmptyState title="No practicals waiting">
            <p>Every enrolled trainee's practical evaluations are graded.</p>
          </EmptyState>
        ) : (
          <>
            <Table
              caption="Practical evaluations to grade"
              head={["Trainee", "Evaluation", "Cohort", "Action"]}
            >
              {practicals.items.map((p) => (
                <tr key={`${p.cohort.id}:${p.assessment.id}:${p.person.id}`}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    {p.person.name}
                  </th>
                  <td className="px-3 py-2">{p.assessment.title}</td>
                  <td className="px-3 py-2">
                    <Link to={`/training/cohorts/${p.cohort.id}`}>{p.cohort.name}</Link>
                  </td>
                  <td className="px-3 py-2">
                    <Link to={gradePath(p.cohort.id, p.assessment.id, p.person.id)}>
                      Grade
                      <span className="sr-only">
                        {" "}
                        {p.assessment.title} for {p.person.name}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </Table>
            <LoadMore
              shown={practicals.items.length}
              total={practicalTotal}
              noun={practicalTotal === 1 ? "practical" : "practicals"}
              hasMore={practicals.hasNextPage}
              loading={practicals.isFetchingNextPage}
              onLoad={() => void practicals.fetchNextPage()}
            />
          </>
        )}
      </Section>
    </>
  );
}

function SubmissionItem({ submission: s, timeZone }: { submission: QueuedSubmission; timeZone: string }) {
  const id = useId();
  const qc = useQueryClient();
  const toast = useToast();
  const [feedback, setFeedback] = useState("");
  const [missingFeedback, setMissingFeedback] = useState(false);
  const review = useMutation({
    mutationFn: (decision: "accepted" | "needs_revision") =>
      unwrap(
        api.POST("/api/training/submissions/{id}/review", {
          params: { path: { id: s.id } },
          body: { decision, feedback: feedback.trim() },
        }),
      ),
    onSuccess: (_r, decision) => {
      void qc.invalidateQueries({ queryKey: trainingKeys.all });
      toast(
        decision === "accepted"
          ? `Accepted: ${s.lesson.title} by ${s.person.name}. The lesson is done.`
          : `Sent back to ${s.person.name} with your feedback.`,
      );
    },
  });
  const sendBack = () => {
    if (!feedback.trim()) {
      setMissingFeedback(true);
      return;
    }
    setMissingFeedback(false);
    review.mutate("needs_revision");
  };
  return (
    <li aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <h3 id={`${id}-title`} className="font-semibold">
        {s.person.name}: {s.lesson.title}
      </h3>
      <p className="text-sm text-slate-700">
        <Link to={`/training/cohorts/${s.cohortId}`}>{s.cohortName}</Link> · submitted{" "}
        {formatDateTime(s.submittedAt, timeZone)}
      </p>
      <div className="mt-3 rounded border border-slate-200 bg-slate-50 p-3 text-sm">
        {s.kind === "link" ? (
          <a href={s.body} target="_blank" rel="noopener noreferrer">
            {s.body}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <p className="whitespace-pre-line">{s.body}</p>
        )}
      </div>
      <div className="mt-3 space-y-3">
        <TrainingAlert error={review.error} title="The review could not be saved" />
        <TextAreaField
          label={`Feedback for ${s.person.name}`}
          rows={3}
          maxLength={4000}
          value={feedback}
          onChange={(ev) => setFeedback(ev.target.value)}
          hint="Optional when you accept; needed when you ask for changes."
          error={missingFeedback ? "Say what to change before sending it back." : undefined}
        />
        <div className="flex flex-wrap gap-2">
          <Button disabled={review.isPending} onClick={() => review.mutate("accepted")}>
            Accept<span className="sr-only"> the activity of {s.person.name}</span>
          </Button>
          <Button variant="secondary" disabled={review.isPending} onClick={sendBack}>
            Needs revision<span className="sr-only"> (send back to {s.person.name})</span>
          </Button>
        </div>
      </div>
    </li>
  );
}
