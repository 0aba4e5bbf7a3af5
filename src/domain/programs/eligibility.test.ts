import { describe, expect, it } from "vitest";
import { checkEligibility, enrolmentWindowState } from "./eligibility.ts";
import { checkAnswers, checkQuestionnaire, type Question } from "./questionnaire.ts";

describe("eligibility", () => {
  const rule = { departments: ["Sales"], minSeniority: 2, maxSeniority: 3 };
  it("accepts a person inside every rule", () => {
    expect(checkEligibility({ department: "Sales", seniority: 2 }, rule)).toEqual({
      eligible: true,
      reasons: [],
    });
  });
  it("gives one reason per rule broken", () => {
    const r = checkEligibility({ department: "Product", seniority: 4 }, rule);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toHaveLength(2);
    expect(checkEligibility({ department: null, seniority: null }, rule).reasons).toHaveLength(3);
  });
  it("an empty rule admits everyone", () => {
    expect(
      checkEligibility(
        { department: null, seniority: null },
        { departments: [], minSeniority: null, maxSeniority: null },
      ).eligible,
    ).toBe(true);
  });
  it("knows whether the enrolment window is open", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    expect(enrolmentWindowState("2026-06-02T00:00:00Z", "2026-07-01T00:00:00Z", now)).toBe("not_yet_open");
    expect(enrolmentWindowState("2026-05-01T00:00:00Z", "2026-07-01T00:00:00Z", now)).toBe("open");
    expect(enrolmentWindowState("2026-05-01T00:00:00Z", "2026-05-31T00:00:00Z", now)).toBe("closed");
  });
});

describe("questionnaire answers", () => {
  const qs: Question[] = [
    { id: "a", type: "short_text", label: "A", required: true, maxLength: 5 },
    { id: "b", type: "choice", label: "B", required: false, options: ["x", "y"], multiple: false },
    { id: "c", type: "scale", label: "C", required: true, min: 1, max: 5 },
  ];
  it("accepts good answers", () => expect(checkAnswers(qs, { a: "hi", b: "x", c: 3 })).toEqual([]));
  it("flags missing, too long, off-list, several-for-single, off-scale and unknown answers", () => {
    const ids = (answers: Record<string, string | string[] | number>) =>
      checkAnswers(qs, answers).map((p) => p.questionId);
    expect(ids({})).toEqual(["a", "c"]);
    expect(ids({ a: "toolong", c: 3 })).toEqual(["a"]);
    expect(ids({ a: "ok", b: "z", c: 3 })).toEqual(["b"]);
    expect(ids({ a: "ok", b: ["x", "y"], c: 3 })).toEqual(["b"]);
    expect(ids({ a: "ok", c: 6 })).toEqual(["c"]);
    expect(ids({ a: "ok", c: 2.5 })).toEqual(["c"]);
    expect(ids({ a: "ok", c: 2, zzz: "?" })).toEqual(["zzz"]);
  });
  it("flags a badly built questionnaire", () => {
    expect(checkQuestionnaire([qs[0] as Question, qs[0] as Question])).toHaveLength(1);
    expect(
      checkQuestionnaire([{ id: "s", type: "scale", label: "S", required: false, min: 5, max: 5 }]),
    ).toHaveLength(1);
  });
});
