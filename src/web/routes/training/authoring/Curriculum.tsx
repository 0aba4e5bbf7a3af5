import { useState } from "react";
import { api, unwrap } from "../../../api/client.ts";
import { Button } from "../../../components/Button.tsx";
import { Badge, EmptyState, FormAlert } from "../../../components/Feedback.tsx";
import { Card, Section } from "../../../components/Page.tsx";
import { ConfirmDelete } from "./ConfirmDelete.tsx";
import { LessonForm, type LessonValues, ModuleForm, type ModuleValues } from "./CurriculumForms.tsx";
import {
  type Course,
  type CourseModule,
  type Lesson,
  LessonContent,
  MoveButtons,
  plural,
  smallButton,
} from "./shared.tsx";
import { useCourseMutation } from "./useCourseMutation.ts";

type Swap = {
  kind: "module" | "lesson";
  a: { id: string; position: number };
  b: { id: string; position: number };
};

/** Swaps the places of two neighbouring modules (or lessons): each takes the other's position. */
async function swap({ kind, a, b }: Swap): Promise<Course> {
  if (kind === "module") {
    await unwrap(
      api.PATCH("/api/training/modules/{id}", {
        params: { path: { id: a.id } },
        body: { position: b.position },
      }),
    );
    return unwrap(
      api.PATCH("/api/training/modules/{id}", {
        params: { path: { id: b.id } },
        body: { position: a.position },
      }),
    );
  }
  await unwrap(
    api.PATCH("/api/training/lessons/{id}", {
      params: { path: { id: a.id } },
      body: { position: b.position },
    }),
  );
  return unwrap(
    api.PATCH("/api/training/lessons/{id}", {
      params: { path: { id: b.id } },
      body: { position: a.position },
    }),
  );
}

function LessonItem({
  course,
  module,
  lesson,
  index,
  onMove,
  movePending,
}: {
  course: Course;
  module: CourseModule;
  lesson: Lesson;
  index: number;
  onMove: (by: -1 | 1) => void;
  movePending: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const save = useCourseMutation(
    course.id,
    (body: LessonValues) =>
      unwrap(api.PATCH("/api/training/lessons/{id}", { params: { path: { id: lesson.id } }, body })),
    (_c, v) => `Saved the lesson “${v.title}”.`,
    () => setEditing(false),
  );
  const remove = useCourseMutation(
    course.id,
    () => unwrap(api.DELETE("/api/training/lessons/{id}", { params: { path: { id: lesson.id } } })),
    () => `Deleted the lesson “${lesson.title}”.`,
  );
  if (editing) {
    return (
      <li className="rounded-md border border-emerald-700 bg-white p-4">
        <LessonForm
          lesson={lesson}
          label={`Edit lesson ${lesson.title}`}
          submitLabel="Save the lesson"
          onSubmit={(v) => save.mutate(v)}
          onCancel={() => {
            save.reset();
            setEditing(false);
          }}
          pending={save.isPending}
          error={save.error}
        />
      </li>
    );
  }
  return (
    <li className="rounded-md border border-slate-300 bg-white">
      <details className="group">
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-4 py-3 font-medium text-slate-900 hover:bg-slate-50">
          <span aria-hidden="true" className="text-slate-600 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span>
            <span className="text-slate-700">Lesson {index + 1}:</span> {lesson.title}
          </span>
          {lesson.required ? <Badge tone="blue">Required</Badge> : <Badge tone="slate">Optional</Badge>}
          {lesson.activityPrompt ? <Badge tone="violet">Hands-on activity</Badge> : null}
        </summary>
        <div className="space-y-4 border-t border-slate-200 px-4 py-4">
          <LessonContent html={lesson.contentHtml} label={`Lesson: ${lesson.title}`} />
          {lesson.activityPrompt ? (
            <div className="rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
              <p className="font-semibold">Hands-on activity</p>
              <p className="mt-1 whitespace-pre-line">{lesson.activityPrompt}</p>
              <p className="mt-2 text-violet-900">
                Trainees submit their work as text or a link; the lesson is done once the trainer accepts it.
              </p>
            </div>
          ) : null}
        </div>
      </details>
      {course.canEdit ? (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 px-4 py-2">
          <button type="button" className={smallButton} onClick={() => setEditing(true)}>
            Edit<span className="sr-only"> lesson {lesson.title}</span>
          </button>
          <MoveButtons
            name={`lesson ${lesson.title}`}
            index={index}
            count={module.lessons.length}
            pending={movePending}
            onMove={onMove}
          />
          <ConfirmDelete
            what="lesson"
            name={lesson.title}
            consequence="Its text and activity are removed."
            onConfirm={() => remove.mutate(undefined)}
            onCancel={() => remove.reset()}
            pending={remove.isPending}
            error={remove.error}
          />
        </div>
      ) : null}
    </li>
  );
}

function ModuleItem({
  course,
  module,
  index,
  onMove,
  movePending,
}: {
  course: Course;
  module: CourseModule;
  index: number;
  onMove: (by: -1 | 1) => void;
  movePending: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const [adding, setAdding] = useState(false);
  const rename = useCourseMutation(
    course.id,
    (body: ModuleValues) =>
      unwrap(api.PATCH("/api/training/modules/{id}", { params: { path: { id: module.id } }, body })),
    (_c, v) => `Saved the module “${v.title}”.`,
    () => setRenaming(false),
  );
  const remove = useCourseMutation(
    course.id,
    () => unwrap(api.DELETE("/api/training/modules/{id}", { params: { path: { id: module.id } } })),
    () => `Deleted the module “${module.title}”.`,
  );
  const addLesson = useCourseMutation(
    course.id,
    (body: LessonValues) =>
      unwrap(api.POST("/api/training/modules/{id}/lessons", { params: { path: { id: module.id } }, body })),
    (_c, v) => `Added the lesson “${v.title}”.`,
    () => setAdding(false),
  );
  const moveLesson = useCourseMutation(course.id, swap, () => "Lesson moved.");
  return (
    <li>
      <Card className="space-y-4">
        {renaming ? (
          <ModuleForm
            module={module}
            label={`Rename module ${module.title}`}
            submitLabel="Save the module"
            onSubmit={(v) => rename.mutate(v)}
            onCancel={() => {
              rename.reset();
              setRenaming(false);
            }}
            pending={rename.isPending}
            error={rename.error}
          />
        ) : (
          <div>
            <h3 className="text-lg font-semibold">
              <span className="text-slate-700">Module {index + 1}:</span> {module.title}
            </h3>
            {module.summary ? (
              <p className="mt-1 whitespace-pre-line text-slate-800">{module.summary}</p>
            ) : null}
            <p className="mt-1 text-sm text-slate-700">
              {plural(module.lessons.length, "lesson")}
              {module.lessons.length ? `, ${module.lessons.filter((l) => l.required).length} required` : ""}
            </p>
          </div>
        )}
        {course.canEdit && !renaming ? (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={smallButton} onClick={() => setRenaming(true)}>
              Rename<span className="sr-only"> module {module.title}</span>
            </button>
            <MoveButtons
              name={`module ${module.title}`}
              index={index}
              count={course.modules.length}
              pending={movePending}
              onMove={onMove}
            />
            <ConfirmDelete
              what="module"
              name={module.title}
              consequence={
                module.lessons.length
                  ? `Its ${plural(module.lessons.length, "lesson")} are deleted too.`
                  : undefined
              }
              onConfirm={() => remove.mutate(undefined)}
              onCancel={() => remove.reset()}
              pending={remove.isPending}
              error={remove.error}
            />
          </div>
        ) : null}
        <FormAlert error={moveLesson.error} title="The lesson could not be moved" />
        {module.lessons.length ? (
          <ol className="space-y-2" aria-label={`Lessons of ${module.title}`}>
            {module.lessons.map((l, i) => (
              <LessonItem
                key={l.id}
                course={course}
                module={module}
                lesson={l}
                index={i}
                movePending={moveLesson.isPending}
                onMove={(by) => {
                  const other = module.lessons[i + by];
                  if (other) moveLesson.mutate({ kind: "lesson", a: l, b: other });
                }}
              />
            ))}
          </ol>
        ) : (
          <p className="rounded-md border border-dashed border-slate-400 p-3 text-sm text-slate-700">
            {course.canEdit
              ? "No lessons yet. Add the first lesson of this module below."
              : "No lessons in this module yet."}
          </p>
        )}
        {course.canEdit ? (
          adding ? (
            <div className="rounded-md border border-emerald-700 bg-white p-4">
              <h4 className="mb-3 font-semibold">New lesson in {module.title}</h4>
              <LessonForm
                label={`New lesson in ${module.title}`}
                submitLabel="Add the lesson"
                onSubmit={(v) => addLesson.mutate(v)}
                onCancel={() => {
                  addLesson.reset();
                  setAdding(false);
                }}
                pending={addLesson.isPending}
                error={addLesson.error}
              />
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setAdding(true)}>
              Add a lesson<span className="sr-only"> to {module.title}</span>
            </Button>
          )
        ) : null}
      </Card>
    </li>
  );
}

/**
 * The curriculum: modules in order, each with its lessons (text, whether required, the hands-on activity).
 * Authors add, rename, reorder and delete modules and lessons here.
 */
export function Curriculum({ course }: { course: Course }) {
  const [adding, setAdding] = useState(false);
  const addModule = useCourseMutation(
    course.id,
    (body: ModuleValues) =>
      unwrap(api.POST("/api/training/courses/{id}/modules", { params: { path: { id: course.id } }, body })),
    (_c, v) => `Added the module “${v.title}”.`,
    () => setAdding(false),
  );
  const moveModule = useCourseMutation(course.id, swap, () => "Module moved.");
  const lessons = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <Section
      title="Curriculum"
      actions={
        course.modules.length ? (
          <p className="text-sm text-slate-700">
            {plural(course.modules.length, "module")}, {plural(lessons, "lesson")}
          </p>
        ) : null
      }
    >
      <FormAlert error={moveModule.error} title="The module could not be moved" />
      {course.modules.length === 0 ? (
        <EmptyState title="No modules yet">
          {course.canEdit ? (
            <p>
              Split the course into modules — for example one per topic or per session — then add lessons to
              each. A course needs at least one lesson before it can be published.
            </p>
          ) : (
            <p>The authors have not added any lessons yet.</p>
          )}
        </EmptyState>
      ) : (
        <ol className="space-y-4">
          {course.modules.map((m, i) => (
            <ModuleItem
              key={m.id}
              course={course}
              module={m}
              index={i}
              movePending={moveModule.isPending}
              onMove={(by) => {
                const other = course.modules[i + by];
                if (other) moveModule.mutate({ kind: "module", a: m, b: other });
              }}
            />
          ))}
        </ol>
      )}
      {course.canEdit ? (
        <div className="mt-4">
          {adding ? (
            <Card>
              <h3 className="mb-3 text-lg font-semibold">New module</h3>
              <ModuleForm
                label="New module"
                submitLabel="Add the module"
                onSubmit={(v) => addModule.mutate(v)}
                onCancel={() => {
                  addModule.reset();
                  setAdding(false);
                }}
                pending={addModule.isPending}
                error={addModule.error}
              />
            </Card>
          ) : (
            <Button onClick={() => setAdding(true)}>Add a module</Button>
          )}
        </div>
      ) : null}
    </Section>
  );
}
