import type { ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { loadMe } from "./api/query-client.ts";
import { Loading } from "./components/Feedback.tsx";
import { RouteError } from "./components/RouteError.tsx";

/** Every page is its own chunk, so the sign-in page does not load charts or admin screens. */
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        lazy: page(() => import("./routes/auth/AuthLayout.tsx")),
        children: [
          { path: "sign-in", loader: loadMe, lazy: page(() => import("./routes/auth/SignInPage.tsx")) },
          { path: "forgot-password", lazy: page(() => import("./routes/auth/ForgotPasswordPage.tsx")) },
          { path: "reset-password", lazy: page(() => import("./routes/auth/ResetPasswordPage.tsx")) },
          { path: "accept-invite", lazy: page(() => import("./routes/auth/AcceptInvitePage.tsx")) },
        ],
      },
      { path: "verify/:id", lazy: page(() => import("./routes/verify/VerifyCredentialPage.tsx")) },
      {
        loader: loadMe,
        lazy: page(() => import("./components/AppLayout.tsx")),
        children: [
          { index: true, lazy: page(() => import("./routes/home/HomePage.tsx")) },
          { path: "me", lazy: page(() => import("./routes/people/MyProfilePage.tsx")) },
          {
            path: "account/security",
            lazy: page(() => import("./routes/account/AccountSecurityPage.tsx")),
          },
          {
            path: "account/calendar",
            lazy: page(() => import("./routes/account/CalendarFeedPage.tsx")),
          },
          {
            path: "account/notifications",
            lazy: page(() => import("./routes/account/NotificationPreferencesPage.tsx")),
          },
          { path: "people", lazy: page(() => import("./routes/people/DirectoryPage.tsx")) },
          { path: "people/:id", lazy: page(() => import("./routes/people/PersonPage.tsx")) },
          { path: "programs", lazy: page(() => import("./routes/programs/ProgramListPage.tsx")) },
          { path: "programs/new", lazy: page(() => import("./routes/programs/ProgramCreatePage.tsx")) },
          { path: "programs/:id", lazy: page(() => import("./routes/programs/ProgramDetailPage.tsx")) },
          { path: "programs/:id/edit", lazy: page(() => import("./routes/programs/ProgramEditPage.tsx")) },
          { path: "programs/:id/mentors", lazy: page(() => import("./routes/mentoring/FindMentorPage.tsx")) },
          {
            path: "programs/:id/mentoring",
            lazy: page(() => import("./routes/mentoring/ProgramMentoringPage.tsx")),
          },
          {
            path: "programs/:id/mentoring/settings",
            lazy: page(() => import("./routes/mentoring/MentoringSettingsPage.tsx")),
          },
          {
            path: "programs/:id/mentoring/bulk",
            lazy: page(() => import("./routes/mentoring/BulkMatchPage.tsx")),
          },
          {
            path: "programs/:id/mentoring/bulk/:runId",
            lazy: page(() => import("./routes/mentoring/BulkMatchPage.tsx")),
          },
          { path: "mentoring", lazy: page(() => import("./routes/mentoring/MyMentoringPage.tsx")) },
          { path: "mentoring/requests", lazy: page(() => import("./routes/mentoring/RequestsPage.tsx")) },
          {
            path: "mentoring/introductions",
            lazy: page(() => import("./routes/mentoring/IntroductionsPage.tsx")),
          },
          {
            path: "mentoring/relationships/:id",
            lazy: page(() => import("./routes/mentoring/RelationshipPage.tsx")),
          },
          { path: "coaching", lazy: page(() => import("./routes/coaching/MyCoachingPage.tsx")) },
          { path: "coaching/coaches", lazy: page(() => import("./routes/coaching/CoachPoolPage.tsx")) },
          { path: "coaching/insights", lazy: page(() => import("./routes/coaching/InsightsPage.tsx")) },
          {
            path: "programs/:id/coaching",
            lazy: page(() => import("./routes/coaching/ProgramCoachingPage.tsx")),
          },
          {
            path: "coaching/engagements/:id",
            lazy: page(() => import("./routes/coaching/EngagementPage.tsx")),
          },
          {
            path: "coaching/engagements/:id/report",
            lazy: page(() => import("./routes/coaching/EngagementPage.tsx")),
          },
          { path: "coaching/ratings", lazy: page(() => import("./routes/coaching/RatingRequestsPage.tsx")) },
          { path: "training", lazy: page(() => import("./routes/training/MyTrainingPage.tsx")) },
          { path: "training/courses", lazy: page(() => import("./routes/training/CourseCatalogPage.tsx")) },
          { path: "training/courses/:id", lazy: page(() => import("./routes/training/CoursePage.tsx")) },
          { path: "training/cohorts/:id", lazy: page(() => import("./routes/training/CohortPage.tsx")) },
          {
            path: "training/cohorts/:id/quiz/:assessmentId",
            lazy: page(() => import("./routes/training/QuizPage.tsx")),
          },
          { path: "training/grading", lazy: page(() => import("./routes/training/GradingQueuePage.tsx")) },
          { path: "training/assignments", lazy: page(() => import("./routes/training/AssignmentsPage.tsx")) },
          {
            path: "programs/:id/training",
            lazy: page(() => import("./routes/training/ProgramTrainingPage.tsx")),
          },
          { path: "advisor", lazy: page(() => import("./routes/advisor/AdvisorPage.tsx")) },
          { path: "advisor/:responseId", lazy: page(() => import("./routes/advisor/AdvisorPage.tsx")) },
          { path: "record", lazy: page(() => import("./routes/records/DevelopmentRecordPage.tsx")) },
          {
            path: "people/:id/record",
            lazy: page(() => import("./routes/records/DevelopmentRecordPage.tsx")),
          },
          { path: "analytics", lazy: page(() => import("./routes/analytics/AnalyticsPage.tsx")) },
          { path: "analytics/succession", lazy: page(() => import("./routes/analytics/SuccessionPage.tsx")) },
          {
            path: "programs/:id/analytics",
            lazy: page(() => import("./routes/analytics/AnalyticsPage.tsx")),
          },
          { path: "admin/invitations", lazy: page(() => import("./routes/admin/InvitationsPage.tsx")) },
          { path: "admin/audit", lazy: page(() => import("./routes/admin/AuditLogPage.tsx")) },
          { path: "admin/organization", lazy: page(() => import("./routes/admin/OrganizationPage.tsx")) },
          {
            path: "admin/integrations",
            lazy: page(() => import("./routes/admin/integrations/IntegrationsPage.tsx")),
          },
          {
            path: "admin/integrations/sso",
            lazy: page(() => import("./routes/admin/integrations/SsoPage.tsx")),
          },
          {
            path: "admin/integrations/xapi",
            lazy: page(() => import("./routes/admin/integrations/XapiPage.tsx")),
          },
          {
            path: "admin/integrations/import",
            lazy: page(() => import("./routes/admin/integrations/ImportExportPage.tsx")),
          },
          {
            path: "admin/integrations/webhooks",
            lazy: page(() => import("./routes/admin/integrations/WebhooksPage.tsx")),
          },
          {
            path: "admin/integrations/provisioning",
            lazy: page(() => import("./routes/admin/integrations/ProvisioningPage.tsx")),
          },
          { path: "*", lazy: page(() => import("./routes/home/NotFoundPage.tsx")) },
        ],
      },
    ],
  },
]);
