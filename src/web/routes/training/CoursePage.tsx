import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { BackLink, Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { formatDate } from "../../lib/dates.ts";
import { trainingKeys } from "../../lib/training.ts";
import { Assessments } from "./authoring/Assessments.tsx";
import { CourseForm, type CourseValues } from "./authoring/CourseForm.tsx";
import { Curriculum } from "./authoring/Curriculum.tsx";
import { COURSE_STATUS, type Course, type CourseStatus, ProblemAlert, plural } from "./authoring/shared.tsx";
import { useCourseMutation } from "./authoring/useCourseMutation.ts";

const STATUS_DONE: Record<CourseStatus, string> = {
  draft: "moved back to draft",
  published: "published",
  archived: "archived",
};

/** Publish, archive or return a course to draft, with what each does spelled out. */
function StatusActions({ course }: { course: Course }) {
  const [archiving, setArchiving] = useState(false);
  const change = useCourseMutation(
    course.id,
    (status: CourseStatus) =>
      unwrap(
        api.PATCH("/api/training/courses/{id}", { params: { path: { id: course.id } }, body: { status } }),
      ),
    (c) => `“${c.title}” is ${STATUS_DONE[c.status]}.`,
    () => setArchiving(false),
  );
  const status = COURSE_STATUS[course.status];
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Status</h2>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={status.tone}>{status.label}</Badge>
        <span className="text-sm text-slate-800">{status.hint}</span>
      </p>
      <ProblemAlert error={change.error} title="The status was not changed" />
      {course.status === "draft" && course.lessonCount === 0 ? (
        <p className="text-sm text-slate-700">Add at least one lesson before publishing.</p>
      ) : null}
      {archiving ? (
        <fieldset className="flex flex-wrap items-center gap-2 rounded-md border border-amber-400 bg-amber-50 p-3">
          <legend className="float-left mr-2 text-sm text-amber-950">
            Archive “{course.title}”? It leaves the catalog and no new cohorts can be opened; current cohorts
            and certificates carry on.
          </legend>
          <Button variant="danger" onClick={() => change.mutate("archived")} disabled={change.isPending}>
            {change.isPending ? "Archiving…" : "Yes, archive"}
          </Button>
          <Button variant="secondary" onClick={() => setArchiving(false)}>
            Keep it published
          </Button>
        </fieldset>
      ) : (
        <div className="flex flex-wrap gap-2">
          {course.status !== "published" ? (
            <Button onClick={() => change.mutate("published")} disabled={change.isPending}>
              {course.status === "archived" ? "Publish again" : "Publish the course"}
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setArchiving(true)}>
              Archive the course
            </Button>
          )}
          {course.status !== "draft" && course.cohortCount === 0 ? (
            <Button variant="secondary" onClick={() => change.mutate("draft")} disabled={change.isPending}>
              Move back to draft
            </Button>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function EditDetails({ course, open, onClose }: { course: Course; open: boolean; onClose: () => void }) {
  const save = useCourseMutation(
    course.id,
    (body: CourseValues) =>
      unwrap(api.PATCH("/api/training/courses/{id}", { params: { path: { id: course.id } }, body })),
    () => "Course details saved.",
    onClose,
  );
  return (
    <Dialog
      open={open}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title="Edit course details"
      description="Title, summary, competencies, and the attendance and certificate rules."
    >
      <CourseForm
        course={course}
        onSubmit={(v) => save.mutate(v)}
        onCancel={onClose}
        pending={save.isPending}
        error={save.error}
        submitLabel="Save the details"
      />
    </Dialog>
  );
}

function About({ course, timeZone }: { course: Course; timeZone: string }) {
  return (
    <div className="mb-8 grid items-start gap-6 lg:grid-cols-3">
      <Card className="space-y-4 lg:col-span-2">
        <div>
          <h2 className="mb-2 text-lg font-semibold">About this course</h2>
          <p className="whitespace-pre-line text-slate-800">{course.summary || "No summary yet."}</p>
        </div>
        <div>
          <h3 className="font-semibold">Competencies it builds</h3>
          {course.competencies.length ? (
            <ul className="mt-2 flex flex-wrap gap-1.5">
              {course.competencies.map((c) => (
                <li
                  key={c}
                  className="rounded-full bg-sky-100 px-2.5 py-0.5 text-sm font-medium text-sky-950"
                >
                  {c}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">None listed yet.</p>
          )}
        </div>
      </Card>
      <Card className="space-y-4">
        <div>
          <h2 className="mb-2 text-lg font-semibold">To complete it</h2>
          <ul className="list-disc space-y-1 pl-5 text-slate-800">
            {course.completionRule.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="font-medium text-slate-700">Certificate</dt>
            <dd>
              {course.validityMonths
                ? `An Open Badges certificate, valid for ${plural(course.validityMonths, "month")}.`
                : "An Open Badges certificate that does not expire."}
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">Cohorts</dt>
            <dd>
              {course.cohortCount
                ? `${plural(course.cohortCount, "cohort")} so far.`
                : "None yet. Program teams open cohorts from a training program."}
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">Last changed</dt>
            <dd>{formatDate(course.updatedAt, timeZone)}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}

/**
 * A course: what it is about, its curriculum and its assessments. Authors (org admins and program
 * managers) edit everything here, and publish or archive the course.
 */
export default function CoursePage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const [editing, setEditing] = useState(false);
  const course = useQuery({
    queryKey: trainingKeys.course(id),
    queryFn: () => unwrap(api.GET("/api/training/courses/{id}", { params: { path: { id } } })),
  });
  usePageTitle(course.data?.title ?? "Course");
  const back = <BackLink to="/training/courses">Courses</BackLink>;
  if (course.isPending) return <Loading label="Loading the course…" />;
  if (course.isError) {
    return (
      <>
        {back}
        <PageHeader title="Course" />
        <ErrorState error={course.error} onRetry={() => void course.refetch()} />
      </>
    );
  }
  const c = course.data;
  const status = COURSE_STATUS[c.status];
  return (
    <>
      {back}
      <PageHeader
        title={c.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {c.canEdit || c.status !== "published" ? <Badge tone={status.tone}>{status.label}</Badge> : null}
            <span>
              {plural(c.lessonCount, "lesson")} · {plural(c.assessmentCount, "assessment")}
            </span>
          </span>
        }
        actions={
          c.canEdit ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          ) : null
        }
      />
      {c.canEdit && c.cohortCount > 0 ? (
        <p className="mb-6 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
          {plural(c.cohortCount, "cohort")} already {c.cohortCount === 1 ? "uses" : "use"} this course, so its
          modules, lessons and assessments can be edited but no longer deleted. Changes reach those cohorts at
          once.
        </p>
      ) : null}
      {c.status === "archived" && !c.canEdit ? (
        <p className="mb-6 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm text-slate-900">
          This course is archived: no new cohorts open. See <Link to="/training/courses">the catalog</Link>{" "}
          for current courses.
        </p>
      ) : null}
      {c.canEdit ? (
        <div className="mb-6">
          <StatusActions course={c} />
        </div>
      ) : null}
      <About course={c} timeZone={person.timeZone} />
      <Curriculum course={c} />
      <Assessments course={c} />
      {c.canEdit ? <EditDetails course={c} open={editing} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
