import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { TextAreaField } from "../../components/Field.tsx";
import { BackLink, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { Table } from "../../components/Table.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { type GradingQueue, gradePath, liveQuery, trainingKeys } from "../../lib/training.ts";
import { TrainingAlert } from "./cohort/parts.tsx";

type QueuedSubmission = GradingQueue["submissions"][number];

/** What waits for the trainer: hands-on activities to accept or send back, and practicals to grade. */
export default function GradingQueuePage() {
  usePageTitle("Grading queue");
  const { person } = useSession();
  const queue = useQuery({
    queryKey: trainingKeys.gradingQueue,
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/training/grading-queue")),
  });
  const q = queue.data;
  return (
    <>
      <BackLink to="/training">My training</BackLink>
      <PageHeader
        title="Grading queue"
        description="Activity submissions to review and practical evaluations to grade, across the cohorts you teach."
      />
      {queue.isPending ? (
        <Loading label="Loading the grading queue…" />
      ) : queue.isError || !q ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <>
          <Section title={`Activities to review (${q.submissions.length})`} id="queue-submissions">
            {q.submissions.length === 0 ? (
              <EmptyState title="No activities waiting">
                <p>
                  When a trainee submits a lesson's hands-on activity, it appears here. Accept it to mark the
                  lesson done, or send it back with feedback.
                </p>
              </EmptyState>
            ) : (
              <ul className="space-y-4">
                {q.submissions.map((s) => (
                  <SubmissionItem key={s.id} submission={s} timeZone={person.timeZone} />
                ))}
              </ul>
            )}
          </Section>
          <Section title={`Practicals to grade (${q.practicals.length})`} id="queue-practicals">
            {q.practicals.length === 0 ? (
              <EmptyState title="No practicals waiting">
                <p>Every enrolled trainee's practical evaluations are graded.</p>
              </EmptyState>
            ) : (
              <Table
                caption="Practical evaluations to grade"
                head={["Trainee", "Evaluation", "Cohort", "Action"]}
              >
                {q.practicals.map((p) => (
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
            )}
          </Section>
        </>
      )}
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
