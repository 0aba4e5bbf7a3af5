import { Link } from "react-router";
import { Badge, ErrorState, Loading } from "../../../components/Feedback.tsx";
import { Card } from "../../../components/Page.tsx";
import { Table } from "../../../components/Table.tsx";
import { ACTIVITY_STATUS, gradePath, pctText, verifyPath } from "../../../lib/training.ts";
import { resultBadge } from "./AssessmentsTab.tsx";
import { Mark, ProgressBar } from "./parts.tsx";
import { useGradebook } from "./shared.ts";

/**
 * One trainee's gradebook: the completion checklist, attendance, lessons and assessments, and the
 * certificate once earned. Staff get links to grade the trainee's practical evaluations.
 */
export function PersonalGradebook({
  cohortId,
  personId,
  forStaff,
  headingLevel = 2,
}: {
  cohortId: string;
  personId: string;
  forStaff: boolean;
  headingLevel?: 2 | 3;
}) {
  const book = useGradebook(cohortId, personId);
  const H = headingLevel === 2 ? "h2" : "h3";
  if (book.isPending) return <Loading label="Loading the gradebook…" />;
  if (book.isError) return <ErrorState error={book.error} onRetry={() => void book.refetch()} />;
  const g = book.data;
  const who = forStaff ? g.person.name : "You";
  const met = g.completion.requirements.filter((r) => r.met).length;
  const a = g.attendance;
  return (
    <div className="space-y-6">
      <Card className="space-y-3">
        <H className="text-lg font-semibold">Completion</H>
        <ProgressBar
          label={forStaff ? `Completion of ${g.person.name}` : "Your completion"}
          value={Math.round(g.completion.progress * 100)}
          valueText={`${met} of ${g.completion.requirements.length} requirements met`}
        />
        <ul className="space-y-1 text-sm" aria-label="Completion requirements">
          {g.completion.requirements.map((r) => (
            <li key={`${r.kind}-${r.id ?? "all"}`} className="flex flex-wrap gap-2">
              <Mark ok={r.met} yes="Met" no="Not met yet" />
              <span>{r.label}</span>
            </li>
          ))}
        </ul>
        {g.certificateId ? (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
            {who} completed the course.{" "}
            <Link to={verifyPath(g.certificateId)}>
              {forStaff ? "View the certificate" : "View your certificate"}
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-700">
            The certificate is issued automatically the moment every requirement is met.
          </p>
        )}
      </Card>
      <section aria-label="Attendance" className="text-sm">
        <H className="mb-2 text-lg font-semibold">Attendance</H>
        <p>
          <strong>{pctText(a.pct)}</strong>{" "}
          {a.recorded
            ? `attended · ${a.present} present, ${a.late} late, ${a.absent} absent, ${a.excused} excused`
            : "· no attendance taken yet"}
        </p>
        <p className="text-slate-700">
          Late counts as attended; an excused session counts neither way. For completion, every scheduled
          session counts, including those still to come.
        </p>
      </section>
      <section aria-label="Lessons">
        <H className="mb-2 text-lg font-semibold">Lessons</H>
        <Table caption={`Lessons of ${g.person.name}`} head={["Lesson", "Required", "Done", "Activity"]}>
          {g.lessons.map((l) => (
            <tr key={l.id}>
              <th scope="row" className="px-3 py-2 font-medium">
                {l.title}
              </th>
              <td className="px-3 py-2">{l.required ? "Required" : "Optional"}</td>
              <td className="px-3 py-2">
                <Mark ok={l.done} yes="Done" no="Not yet" />
              </td>
              <td className="px-3 py-2">
                {l.activity === "none" ? (
                  "—"
                ) : (
                  <Badge tone={ACTIVITY_STATUS[l.activity].tone}>{ACTIVITY_STATUS[l.activity].label}</Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </section>
      <section aria-label="Assessments">
        <H className="mb-2 text-lg font-semibold">Assessments</H>
        {g.assessments.length === 0 ? (
          <p className="text-sm text-slate-700">This course has no assessments.</p>
        ) : (
          <Table
            caption={`Assessments of ${g.person.name}`}
            head={[
              "Assessment",
              "Pass mark",
              "Best score",
              "Result",
              "Attempts",
              ...(forStaff ? ["Action"] : []),
            ]}
          >
            {g.assessments.map((x) => (
              <tr key={x.id}>
                <th scope="row" className="px-3 py-2 font-medium">
                  {x.title}{" "}
                  <span className="font-normal text-slate-700">
                    ({x.kind === "quiz" ? "quiz" : "practical"}
                    {x.required ? "" : ", optional"})
                  </span>
                </th>
                <td className="px-3 py-2">{x.passMarkPct} %</td>
                <td className="px-3 py-2">{pctText(x.scorePct)}</td>
                <td className="px-3 py-2">{resultBadge(x)}</td>
                <td className="px-3 py-2">
                  {x.kind === "quiz"
                    ? `${x.attempts.length}${x.maxAttempts ? ` of ${x.maxAttempts}` : ""}`
                    : x.practical
                      ? "Graded"
                      : "Not graded"}
                </td>
                {forStaff ? (
                  <td className="px-3 py-2">
                    {x.kind === "practical" ? (
                      <Link to={gradePath(cohortId, x.id, personId)}>
                        {x.practical ? "Change the grade" : "Grade"}
                        <span className="sr-only">
                          {" "}
                          {x.title} for {g.person.name}
                        </span>
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
