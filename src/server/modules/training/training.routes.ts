import type { Context } from "hono";
import type { AppEnv } from "../../lib/context.ts";
import { actorOf, IdParam, jsonBody, jsonOk, router, secureRoute } from "../../lib/http.ts";
import { PageQuery } from "../../lib/pagination.ts";
import { MANAGES_PROGRAMS } from "../programs/programs.policy.ts";
import * as assignments from "./assignments.service.ts";
import * as certificates from "./certificates.service.ts";
import * as cohorts from "./cohorts.service.ts";
import * as courses from "./courses.service.ts";
import * as overview from "./overview.service.ts";
import * as progress from "./progress.service.ts";
import { COHORT_STAFF, COHORT_TRAINEE, COURSE_AUTHORS } from "./training.policy.ts";
import * as s from "./training.schemas.ts";

const tags = ["Training"];
const org = { scope: "organization" } as const;
const authors = { who: MANAGES_PROGRAMS, ...org, object: COURSE_AUTHORS } as const;
const staff = { who: "signed_in", ...org, object: COHORT_STAFF } as const;
const trainee = { who: "signed_in", ...org, object: COHORT_TRAINEE } as const;
const member = { who: "signed_in", ...org } as const;
const deps = (c: Context<AppEnv>) => c.get("deps");
const db = (c: Context<AppEnv>) => c.get("deps").db;

export const trainingRoutes = router()
  // Courses
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/courses",
      tags,
      summary: "The course catalog by title: published courses, and drafts for their authors",
      access: { ...member, object: COURSE_AUTHORS },
      request: { query: s.CoursesQuery },
      responses: { 200: jsonOk(s.CourseListSchema) },
    }),
    async (c) => c.json(await courses.listCourses(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/courses",
      tags,
      summary: "Create a draft course with its competencies and completion rule",
      access: authors,
      request: { body: jsonBody(s.CourseCreate) },
      responses: { 201: jsonOk(s.CourseSchema, "Created") },
    }),
    async (c) => c.json(await courses.createCourse(db(c), actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/courses/{id}",
      tags,
      summary:
        "A course's curriculum: modules, lessons (Markdown rendered sanitized), assessments and completion rule",
      description: "Authors also get each quiz's answer key; nobody else does.",
      access: { ...member, object: COURSE_AUTHORS },
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(
        await courses.present(
          db(c),
          actor,
          await courses.requireCourse(db(c), actor, c.req.valid("param").id),
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/courses/{id}",
      tags,
      summary: "Change a course, publish it or archive it",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.CoursePatch) },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) =>
      c.json(
        await courses.updateCourse(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/courses/{id}/modules",
      tags,
      summary: "Add a module to a course",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.ModuleBody) },
      responses: { 201: jsonOk(s.CourseSchema, "Added") },
    }),
    async (c) =>
      c.json(await courses.addModule(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/modules/{id}",
      tags,
      summary: "Rename or reorder a module",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.ModulePatch) },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) =>
      c.json(
        await courses.updateModule(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/training/modules/{id}",
      tags,
      summary: "Delete a module and its lessons, while no cohort uses the course",
      access: authors,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) => c.json(await courses.deleteModule(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/modules/{id}/lessons",
      tags,
      summary: "Add a lesson (Markdown, optionally with a hands-on activity) to a module",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.LessonBody) },
      responses: { 201: jsonOk(s.CourseSchema, "Added") },
    }),
    async (c) =>
      c.json(await courses.addLesson(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/lessons/{id}",
      tags,
      summary: "Change a lesson",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.LessonPatch) },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) =>
      c.json(
        await courses.updateLesson(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/training/lessons/{id}",
      tags,
      summary: "Delete a lesson, while no cohort uses the course",
      access: authors,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) => c.json(await courses.deleteLesson(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/courses/{id}/assessments",
      tags,
      summary: "Add a quiz (auto-graded) or a practical evaluation (graded against a rubric)",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.AssessmentCreate) },
      responses: { 201: jsonOk(s.CourseSchema, "Added") },
    }),
    async (c) =>
      c.json(
        await courses.addAssessment(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/assessments/{id}",
      tags,
      summary: "Change an assessment",
      access: authors,
      request: { params: IdParam, body: jsonBody(s.AssessmentPatch) },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) =>
      c.json(
        await courses.updateAssessment(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "delete",
      path: "/api/training/assessments/{id}",
      tags,
      summary: "Delete an assessment, while no cohort uses the course",
      access: authors,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CourseSchema) },
    }),
    async (c) => c.json(await courses.deleteAssessment(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  // Cohorts
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/training/cohorts",
      tags,
      summary: "The cohorts of a training program, with seats left and the next session",
      access: member,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CohortListSchema) },
    }),
    async (c) => c.json(await cohorts.listCohorts(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/programs/{id}/training/cohorts",
      tags,
      summary: "Open a cohort of a published course: trainers, dates, seats and time zone",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { params: IdParam, body: jsonBody(s.CohortCreate) },
      responses: { 201: jsonOk(s.CohortSchema, "Opened") },
    }),
    async (c) =>
      c.json(
        await cohorts.createCohort(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/programs/{id}/training/dashboard",
      tags,
      summary:
        "Per cohort: completion rate, average score, attendance rate and overdue mandatory assignments",
      description:
        "A cohort's overdue count covers its own trainees; the total covers everyone overdue on the program's courses, enrolled or not.",
      access: { who: MANAGES_PROGRAMS, ...org, object: "The program's owner and org admins." },
      request: { params: IdParam },
      responses: { 200: jsonOk(s.TrainingDashboardSchema) },
    }),
    async (c) => c.json(await overview.dashboard(deps(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/cohorts/{id}",
      tags,
      summary: "A cohort: sessions, seats, the caller's enrolment and progress",
      access: member,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.CohortSchema) },
    }),
    async (c) => c.json(await cohorts.getCohort(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/cohorts/{id}",
      tags,
      summary: "Change a cohort; added seats are offered to the waitlist",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { params: IdParam, body: jsonBody(s.CohortPatch) },
      responses: { 200: jsonOk(s.CohortSchema) },
    }),
    async (c) =>
      c.json(
        await cohorts.updateCohort(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/cohorts/{id}/roster",
      tags,
      summary: "The roster with live attendance % and progress, and the waitlist in order",
      access: staff,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.RosterSchema) },
    }),
    async (c) => c.json(await cohorts.roster(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/enrolments",
      tags,
      summary: "Enrol yourself, or (program staff) someone else; a full cohort puts them on the waitlist",
      access: {
        ...member,
        object: "Anyone enrolled in the program as a trainee enrols themself; program staff enrol anyone.",
      },
      request: { params: IdParam, body: jsonBody(s.EnrolBody) },
      responses: { 201: jsonOk(s.MyEnrolmentSchema, "Enrolled or waitlisted") },
    }),
    async (c) =>
      c.json(
        await cohorts.enrol(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json").personId),
        201,
      ),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/enrolments/{personId}/withdraw",
      tags,
      summary: "Leave a cohort or its waitlist; a freed seat is offered to the next person waiting",
      access: { ...member, object: "The trainee themself, or program staff." },
      request: { params: s.CohortPersonParams },
      responses: { 200: jsonOk(s.MyEnrolmentSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await cohorts.withdraw(deps(c), actorOf(c), p.id, p.personId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/offer",
      tags,
      summary: "Accept or decline the seat offered to you from the waitlist",
      access: { ...member, object: "Only the person offered the seat." },
      request: { params: IdParam, body: jsonBody(s.OfferBody) },
      responses: { 200: jsonOk(s.MyEnrolmentSchema) },
    }),
    async (c) =>
      c.json(
        await cohorts.answerOffer(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json").accept),
        200,
      ),
  )
  // Sessions and attendance
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/sessions",
      tags,
      summary: "Schedule a lecture, workshop, role-play or hands-on session",
      access: staff,
      request: { params: IdParam, body: jsonBody(s.SessionCreate) },
      responses: { 201: jsonOk(s.TrainingSessionSchema, "Scheduled") },
    }),
    async (c) =>
      c.json(await cohorts.addSession(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    secureRoute({
      method: "patch",
      path: "/api/training/sessions/{id}",
      tags,
      summary: "Reschedule, move or cancel a session",
      access: staff,
      request: { params: IdParam, body: jsonBody(s.SessionPatch) },
      responses: { 200: jsonOk(s.TrainingSessionSchema) },
    }),
    async (c) =>
      c.json(
        await cohorts.updateSession(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/sessions/{id}/attendance",
      tags,
      summary: "The attendance sheet of a session, with each trainee's attendance % so far",
      access: staff,
      request: { params: IdParam },
      responses: { 200: jsonOk(s.AttendanceSheetSchema) },
    }),
    async (c) => c.json(await cohorts.attendanceSheet(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/training/sessions/{id}/attendance",
      tags,
      summary: "Take attendance: present, late, absent or excused per trainee",
      access: staff,
      request: { params: IdParam, body: jsonBody(s.AttendanceBody) },
      responses: { 200: jsonOk(s.AttendanceSheetSchema) },
    }),
    async (c) =>
      c.json(
        await cohorts.takeAttendance(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  // Lessons, activities and assessments
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/lessons/{lessonId}/complete",
      tags,
      summary: "Mark a lesson done (a lesson with an activity is done when the trainer accepts it)",
      access: trainee,
      request: { params: s.CohortLessonParams },
      responses: { 200: jsonOk(s.LessonProgressSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await progress.completeLesson(deps(c), actorOf(c), p.id, p.lessonId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/lessons/{lessonId}/submissions",
      tags,
      summary: "Submit a lesson's hands-on activity as text or a link",
      access: trainee,
      request: { params: s.CohortLessonParams, body: jsonBody(s.SubmissionBody) },
      responses: { 201: jsonOk(s.SubmissionSchema, "Submitted") },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await progress.submitActivity(db(c), actorOf(c), p.id, p.lessonId, c.req.valid("json")),
        201,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/submissions/{id}/review",
      tags,
      summary: "Accept an activity submission or send it back with feedback",
      access: staff,
      request: { params: IdParam, body: jsonBody(s.ReviewBody) },
      responses: { 200: jsonOk(s.SubmissionSchema) },
    }),
    async (c) =>
      c.json(
        await progress.reviewSubmission(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/grading-queue/submissions",
      tags,
      summary: "Activity submissions waiting for the caller's review as a trainer, newest first",
      access: { who: "signed_in", scope: "self" },
      request: { query: PageQuery },
      responses: { 200: jsonOk(s.QueuedSubmissionsSchema) },
    }),
    async (c) => c.json(await progress.queuedSubmissions(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/grading-queue/practicals",
      tags,
      summary:
        "Practical evaluations the caller, as a trainer, has yet to grade: by cohort start, evaluation, then trainee",
      access: { who: "signed_in", scope: "self" },
      request: { query: PageQuery },
      responses: { 200: jsonOk(s.QueuedPracticalsSchema) },
    }),
    async (c) => c.json(await progress.queuedPracticals(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/cohorts/{id}/assessments/{assessmentId}/attempts",
      tags,
      summary: "Start (or resume) a quiz attempt; the questions come without the answer key",
      access: trainee,
      request: { params: s.CohortAssessmentParams },
      responses: { 201: jsonOk(s.AttemptSchema, "Started") },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await progress.startAttempt(db(c), actorOf(c), p.id, p.assessmentId), 201);
    },
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/attempts/{id}/submit",
      tags,
      summary: "Submit a quiz attempt; it is graded at once",
      access: { ...trainee, object: "Only the trainee who started the attempt; anyone else gets 404." },
      request: { params: IdParam, body: jsonBody(s.SubmitAttemptBody) },
      responses: { 200: jsonOk(s.AttemptResultSchema) },
    }),
    async (c) =>
      c.json(
        await progress.submitAttempt(deps(c), actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "put",
      path: "/api/training/cohorts/{id}/assessments/{assessmentId}/grades/{personId}",
      tags,
      summary: "Grade a trainee's practical evaluation against the rubric, with comments",
      access: staff,
      request: { params: s.GradeParams, body: jsonBody(s.GradeBody) },
      responses: { 200: jsonOk(s.PracticalGradeSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(
        await progress.gradePractical(
          deps(c),
          actorOf(c),
          p.id,
          p.assessmentId,
          p.personId,
          c.req.valid("json"),
        ),
        200,
      );
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/cohorts/{id}/gradebook",
      tags,
      summary:
        "A page of the cohort's gradebook (trainees × assessments, attendance, lessons) and its figures",
      access: staff,
      cacheSeconds: 60,
      request: { params: IdParam, query: s.GradebookQuery },
      responses: { 200: jsonOk(s.GradebookMatrixSchema) },
    }),
    async (c) =>
      c.json(
        await progress.gradebookMatrix(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/cohorts/{id}/gradebook/{personId}",
      tags,
      summary: "One trainee's gradebook: attempts, rubric grades, lessons, attendance and completion",
      access: { ...member, object: "The trainee themself, the cohort's trainers and program staff." },
      request: { params: s.CohortPersonParams },
      responses: { 200: jsonOk(s.GradebookSchema) },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await progress.gradebook(db(c), actorOf(c), p.id, p.personId), 200);
    },
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/me",
      tags,
      summary:
        "My training: cohorts, next session, progress, certificates, mandatory courses, and how many cohorts I teach",
      access: { who: "signed_in", scope: "self" },
      responses: { 200: jsonOk(s.MyTrainingSchema) },
    }),
    async (c) => c.json(await overview.myTraining(deps(c), actorOf(c)), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/teaching",
      tags,
      summary: "The cohorts I teach, latest ending first, each with its submissions to review",
      access: { who: "signed_in", scope: "self" },
      request: { query: PageQuery },
      responses: { 200: jsonOk(s.TeachingPageSchema) },
    }),
    async (c) => c.json(await overview.teachingPage(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  // Certificates
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/credentials/{id}",
      tags,
      summary: "A certificate as an Open Badges 3.0 verifiable credential (public)",
      access: {
        who: "anyone",
        scope: "token",
        object: "The certificate id in the link selects it, as with any shared badge.",
      },
      request: { params: s.CredentialParam },
      responses: { 200: jsonOk(s.CredentialSchema) },
    }),
    async (c) => c.json(await certificates.publicCredential(db(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/credentials/{id}/verification",
      tags,
      summary: "Verify an issued certificate: signature, issuer, expiry and revocation (public)",
      access: { who: "anyone", scope: "token", object: "The certificate id in the link selects it." },
      request: { params: s.CredentialParam },
      responses: { 200: jsonOk(s.VerificationSchema) },
    }),
    async (c) => c.json(await certificates.verifyStored(db(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/credentials/verify",
      tags,
      summary: "Verify a credential file someone gave you: signature, issuer, expiry and revocation (public)",
      access: { who: "anyone", scope: "none" },
      request: { body: jsonBody(s.CredentialSchema) },
      responses: { 200: jsonOk(s.VerificationSchema) },
    }),
    async (c) => c.json(await certificates.verifyCredential(db(c), c.req.valid("json")), 200),
  )
  // Mandatory training
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/assignments",
      tags,
      summary:
        "Mandatory training assignments, latest due date first, with how many assignees are done, due or overdue",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { query: PageQuery },
      responses: { 200: jsonOk(s.AssignmentListSchema) },
    }),
    async (c) => c.json(await assignments.listAssignments(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/assignments",
      tags,
      summary: "Assign a course to a department, a seniority range or a list of people, with a due date",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { body: jsonBody(s.AssignmentCreate) },
      responses: { 201: jsonOk(s.AssignmentDetailSchema, "Assigned") },
    }),
    async (c) => c.json(await assignments.createAssignment(db(c), actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/assignments/{id}",
      tags,
      summary: "An assignment with how many of its assignees are done, due or overdue",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { params: IdParam },
      responses: { 200: jsonOk(s.AssignmentDetailSchema) },
    }),
    async (c) => c.json(await assignments.getAssignment(db(c), actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/assignments/{id}/assignees",
      tags,
      summary:
        "An assignment's assignees by name, each with their status; search by name or department, filter by status",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { params: IdParam, query: s.AssigneeQuery },
      responses: { 200: jsonOk(s.AssigneePageSchema) },
    }),
    async (c) =>
      c.json(
        await assignments.assigneePage(db(c), actorOf(c), c.req.valid("param").id, c.req.valid("query")),
        200,
      ),
  )
  .openapi(
    secureRoute({
      method: "get",
      path: "/api/training/overdue",
      tags,
      summary:
        "Everyone overdue on mandatory training, including lapsed certificates awaiting re-certification, longest overdue first",
      access: { who: MANAGES_PROGRAMS, ...org },
      request: { query: PageQuery },
      responses: { 200: jsonOk(s.OverdueListSchema) },
    }),
    async (c) => c.json(await assignments.overdue(db(c), actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    secureRoute({
      method: "post",
      path: "/api/training/reminders/run",
      tags,
      summary:
        "Send the mandatory-training reminders that are due now (the server also does this every hour)",
      access: { who: ["org_admin"], ...org },
      responses: { 200: jsonOk(s.ReminderRunSchema) },
    }),
    async (c) => c.json(await assignments.sendReminders(deps(c), actorOf(c).organizationId), 200),
  );
