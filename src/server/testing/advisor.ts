import type { Answers } from "../../domain/advisor/questions.ts";

/** A need for long-term career growth with someone who has been there: the advisor recommends mentoring. */
export const CAREER_ANSWERS: Answers = {
  horizon: "years",
  focus: "career_growth",
  curriculum: "none",
  been_there: "yes",
  measurable: "no",
  transition: "neither",
  identity: "yes",
  mandatory: "no",
};

/** A quick, measurable performance goal on a challenging project: the advisor recommends coaching. */
export const PERFORMANCE_ANSWERS: Answers = {
  horizon: "months",
  focus: "performance_goal",
  curriculum: "none",
  been_there: "no",
  measurable: "yes",
  transition: "challenging_project",
  identity: "no",
  mandatory: "no",
};
