import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Badge, EmptyState, QueryList } from "../../components/Feedback.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDate } from "../../lib/dates.ts";
import { managesPrograms } from "../../lib/labels.ts";
import { trainingKeys } from "../../lib/training.ts";
import { CourseForm, type CourseValues } from "./authoring/CourseForm.tsx";
import {
  COURSE_STATUS,
  type Course,
  type CourseStatus,
  type CourseSummary,
  plural,
} from "./authoring/shared.tsx";

const STATUSES = Object.keys(COURSE_STATUS) as CourseStatus[];
const PAGE_SIZE = 30;

/** The value, once it has stopped changing for a moment (a search box asks the server after typing). */
function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

function CourseCard({
  course,
  author,
  timeZone,
}: {
  course: CourseSummary;
  author: boolean;
  timeZone: string;
}) {
  const status = COURSE_STATUS[course.status];
  return (
    <li className="flex flex-col rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="text-lg font-semibold">
          <Link to={`/training/courses/${course.id}`}>{course.title}</Link>
        </h3>
        {author ? <Badge tone={status.tone}>{status.label}</Badge> : null}
      </div>
      <p className="mt-2 line-clamp-3 whitespace-pre-line text-sm text-slate-800">
        {course.summary || "No summary yet."}
      </p>
      {course.competencies.length ? (
        <>
          <p className="sr-only">Competencies:</p>
          <ul className="mt-3 flex flex-wrap gap-1.5">
            {course.competencies.map((c) => (
              <li key={c} className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-950">
                {c}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="mt-auto grid grid-cols-2 gap-x-4 gap-y-1 pt-4 text-sm">
        <dt className="text-slate-700">Lessons</dt>
        <dd className="font-medium">{course.lessonCount}</dd>
        <dt className="text-slate-700">Assessments</dt>
        <dd className="font-medium">{course.assessmentCount}</dd>
        <dt className="text-slate-700">Cohorts</dt>
        <dd className="font-medium">{course.cohortCount}</dd>
        <dt className="text-slate-700">Certificate</dt>
        <dd className="font-medium">
          {course.validityMonths ? `Valid ${plural(course.validityMonths, "month")}` : "Does not expire"}
        </dd>
        {author ? (
          <>
            <dt className="text-slate-700">Last changed</dt>
            <dd className="font-medium">{formatDate(course.updatedAt, timeZone)}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function NewCourseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (body: CourseValues) => unwrap(api.POST("/api/training/courses", { body })),
    onSuccess: (course: Course) => {
      qc.setQueryData(trainingKeys.course(course.id), course);
      void qc.invalidateQueries({ queryKey: trainingKeys.courses });
      toast(`Created the draft course “${course.title}”. Add its modules and lessons next.`);
      onClose();
      navigate(`/training/courses/${course.id}`);
    },
  });
  return (
    <Dialog
      open={open}
      onClose={() => {
        create.reset();
        onClose();
      }}
      title="New course"
      description="The course starts as a draft that only authors see. Add modules, lessons and assessments, then publish it."
    >
      <CourseForm
        onSubmit={(v) => create.mutate(v)}
        onCancel={onClose}
        pending={create.isPending}
        error={create.error}
        submitLabel="Create the course"
      />
    </Dialog>
  );
}

/** The course catalog: published courses for everyone; drafts and archived courses too for authors. */
export default function CourseCatalogPage() {
  usePageTitle("Courses");
  const { person } = useSession();
  const author = managesPrograms(person.orgRole);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const q = useSettled(search.trim());
  const filter = { q: q || undefined, status: STATUSES.find((s) => s === status) };
  const courses = useCursorList({
    queryKey: [...trainingKeys.courses, filter],
    fetchPage: (cursor) =>
      unwrap(
        api.GET("/api/training/courses", { params: { query: { ...filter, limit: PAGE_SIZE, cursor } } }),
      ),
  });
  const shown = courses.items;
  const counts = STATUSES.map((s) => [s, courses.first?.statusCounts[s] ?? 0] as const);
  const all = counts.reduce((sum, [, n]) => sum + n, 0);
  const total = courses.first?.total ?? 0;

  return (
    <>
      <PageHeader
        title="Courses"
        description={
          author
            ? "Author courses — modules, lessons, quizzes and practical evaluations — and publish them for cohorts and mandatory training."
            : "Courses your organization offers. Join a cohort of one from its training program."
        }
        actions={author ? <Button onClick={() => setCreating(true)}>New course</Button> : null}
      />
      <Section title={author ? "All courses" : "Published courses"} id="courses">
        <QueryList
          query={courses}
          loadingLabel="Loading the courses…"
          isEmpty={all === 0}
          empty={
            <EmptyState title="No courses yet">
              {author ? (
                <p>
                  Use “New course” to create the first one. Add its modules and lessons, then publish it so
                  program teams can open cohorts of it.
                </p>
              ) : (
                <p>
                  Nothing is published yet. Courses assigned to you and the cohorts you joined are on{" "}
                  <Link to="/training">your training page</Link>.
                </p>
              )}
            </EmptyState>
          }
        >
          <div className="mb-4 flex flex-wrap items-end gap-4">
            <TextField
              className="w-full space-y-1 sm:w-72"
              label="Search courses"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Title, summary or competency"
            />
            {author ? (
              <SelectField
                className="w-56 space-y-1"
                label="Status"
                value={status}
                onChange={(e) => setStatus(e.target.value)}
                placeholder="Every status"
                options={counts.map(([s, n]) => ({ value: s, label: `${COURSE_STATUS[s].label} (${n})` }))}
              />
            ) : null}
            <p className="text-sm text-slate-700" aria-live="polite">
              {total === all ? plural(all, "course") : `${total} of ${plural(all, "course")} match`}
            </p>
          </div>
          {shown.length ? (
            <>
              <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
                {shown.map((c) => (
                  <CourseCard key={c.id} course={c} author={author} timeZone={person.timeZone} />
                ))}
              </ul>
              <LoadMore
                shown={shown.length}
                total={total}
                noun={total === 1 ? "course" : "courses"}
                hasMore={courses.hasNextPage}
                loading={courses.isFetchingNextPage}
                onLoad={() => void courses.fetchNextPage()}
              />
            </>
          ) : (
            <EmptyState title="No course matches">
              <p>Clear the search{author ? " or choose “Every status”" : ""} to see every course.</p>
            </EmptyState>
          )}
        </QueryList>
      </Section>
      {author ? <NewCourseDialog open={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
