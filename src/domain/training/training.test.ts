import { describe, expect, it } from "vitest";
import { attendanceTowardCompletion, summarizeAttendance } from "./attendance.ts";
import { evaluateCompletion } from "./completion.ts";
import { addMonthsIso, assignmentState, reminderDue } from "./mandatory.ts";
import { renderLessonMarkdown } from "./markdown.ts";
import { gradeQuiz, publicQuestion, type Question, questionProblems } from "./quiz.ts";
import { rubricProblems, scoreRubric, selectionProblems } from "./rubric.ts";

const QUIZ: Question[] = [
  {
    id: "q1",
    kind: "single",
    prompt: "GROW stands for?",
    points: 1,
    options: [
      { id: "a", text: "Goal…" },
      { id: "b", text: "Grow…" },
    ],
    correctOptionIds: ["a"],
  },
  {
    id: "q2",
    kind: "multiple",
    prompt: "Pick two",
    points: 2,
    options: [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
      { id: "c", text: "C" },
    ],
    correctOptionIds: ["a", "c"],
  },
  { id: "q3", kind: "numeric", prompt: "Sessions?", points: 1, answer: 6, tolerance: 0.5 },
  { id: "q4", kind: "short", prompt: "Stage after Reality?", points: 1, acceptedAnswers: ["Options"] },
];

describe("quizzes", () => {
  it("grades every kind of question, all-or-nothing for multiple choice", () => {
    const r = gradeQuiz(QUIZ, { q1: "a", q2: ["c", "a"], q3: 6.4, q4: "  options " }, 80);
    expect(r).toMatchObject({ points: 5, maxPoints: 5, scorePct: 100, passed: true });
    const partial = gradeQuiz(QUIZ, { q1: "b", q2: ["a"], q3: 7, q4: "Option" }, 80);
    expect(partial.points).toBe(0);
    expect(partial.passed).toBe(false);
    expect(gradeQuiz(QUIZ, { q1: "a", q2: ["a", "b", "c"], q3: 6, q4: "options" }, 60)).toMatchObject({
      points: 3,
      scorePct: 60,
      passed: true,
    });
  });

  it("never gives the key to a trainee", () => {
    const shown = JSON.stringify(QUIZ.map(publicQuestion));
    for (const key of ["correctOptionIds", "acceptedAnswers", "answer", "tolerance", "Options"])
      expect(shown).not.toContain(key);
  });

  it("reports what is wrong with a quiz definition", () => {
    expect(questionProblems(QUIZ)).toEqual([]);
    const bad: Question[] = [
      {
        id: "x",
        kind: "single",
        prompt: "?",
        points: 1,
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        correctOptionIds: ["a", "b"],
      },
    ];
    expect(questionProblems(bad)[0]).toMatch(/exactly one/);
  });
});

describe("rubrics", () => {
  const rubric = [
    {
      id: "c1",
      title: "Questions",
      levels: [
        { id: "l0", label: "Missing", points: 0 },
        { id: "l1", label: "Good", points: 2 },
        { id: "l2", label: "Great", points: 4 },
      ],
    },
    {
      id: "c2",
      title: "Listening",
      levels: [
        { id: "l0", label: "Missing", points: 0 },
        { id: "l1", label: "Good", points: 4 },
      ],
    },
  ];
  it("scores against the best level of each criterion", () => {
    expect(scoreRubric(rubric, { c1: "l1", c2: "l1" }, 70)).toEqual({
      points: 6,
      maxPoints: 8,
      scorePct: 75,
      passed: true,
    });
    expect(rubricProblems(rubric)).toEqual([]);
    expect(selectionProblems(rubric, { c1: "l9" })).toHaveLength(2);
  });
});

describe("attendance", () => {
  it("counts late as attended and leaves excused sessions out", () => {
    expect(summarizeAttendance(["present", "late", "absent", "excused"]).pct).toBe(66.7);
    expect(summarizeAttendance([]).pct).toBeNull();
    expect(attendanceTowardCompletion(5, ["present", "present", "excused"])).toBe(50);
  });
});

describe("completion", () => {
  const rule = {
    minAttendancePct: 80,
    requiredLessons: [{ id: "l1", title: "Intro" }],
    requiredAssessments: [{ id: "a1", title: "Quiz" }],
  };
  it("is met only when attendance, lessons and assessments all are", () => {
    const facts = { attendancePct: 80, lessonsDone: new Set(["l1"]), assessmentsPassed: new Set(["a1"]) };
    expect(evaluateCompletion(rule, facts).met).toBe(true);
    const short = evaluateCompletion(rule, { ...facts, attendancePct: 79.9 });
    expect(short.met).toBe(false);
    expect(short.progress).toBeCloseTo(2 / 3);
    expect(
      evaluateCompletion(rule, { ...facts, assessmentsPassed: new Set() }).requirements.find((r) => !r.met)
        ?.kind,
    ).toBe("assessment");
  });
});

describe("mandatory training", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("sends 7-day, 1-day and overdue reminders", () => {
    const at = (due: string) => reminderDue(assignmentState(due, [], now), now);
    expect(at("2026-03-30T00:00:00Z")).toBeNull();
    expect(at("2026-03-15T00:00:00Z")).toBe("due_in_7_days");
    expect(at("2026-03-11T06:00:00Z")).toBe("due_in_1_day");
    expect(at("2026-03-09T00:00:00Z")).toBe("overdue");
  });
  it("is satisfied by a valid certificate and due again when it expires", () => {
    const valid = assignmentState(
      "2026-01-01T00:00:00Z",
      [{ issuedAt: "2025-12-01T00:00:00Z", expiresAt: "2026-12-01T00:00:00Z" }],
      now,
    );
    expect(valid.status).toBe("completed");
    expect(reminderDue(valid, now)).toBeNull();
    const lapsed = assignmentState(
      "2026-01-01T00:00:00Z",
      [{ issuedAt: "2025-03-01T00:00:00Z", expiresAt: "2026-03-01T00:00:00Z" }],
      now,
    );
    expect(lapsed).toMatchObject({ status: "recertification_due", dueAt: "2026-03-01T00:00:00Z" });
    expect(reminderDue(lapsed, now)).toBe("overdue");
    const expiring = assignmentState(
      "2026-01-01T00:00:00Z",
      [{ issuedAt: "2025-03-15T00:00:00Z", expiresAt: "2026-03-15T00:00:00Z" }],
      now,
    );
    expect(reminderDue(expiring, now)).toBe("due_in_7_days");
  });
  it("adds months without overflowing short months", () => {
    expect(addMonthsIso("2026-01-31T09:00:00.000Z", 1)).toBe("2026-02-28T09:00:00.000Z");
    expect(addMonthsIso("2026-01-15T00:00:00.000Z", 24)).toBe("2028-01-15T00:00:00.000Z");
  });
});

describe("lesson markdown", () => {
  it("renders Markdown and drops anything that could run", () => {
    const html = renderLessonMarkdown(
      "# Title\n\n**bold** [ok](https://example.com) [bad](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n![i](https://example.com/a.png)",
    );
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain('<a href="https://example.com"');
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript|<img src="x"/i);
    expect(html).toContain("&lt;script&gt;");
  });
});
