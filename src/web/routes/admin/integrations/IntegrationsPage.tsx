import { Link } from "react-router";
import { Card, PageHeader, usePageTitle } from "../../../components/Page.tsx";
import { RequireAdmin } from "../RequireAdmin.tsx";

const INTEGRATIONS = [
  {
    to: "/admin/integrations/sso",
    title: "Single sign-on (OIDC)",
    text: "Let people sign in with your identity provider (Okta, Entra ID, Google Workspace, Keycloak…).",
  },
  {
    to: "/admin/integrations/provisioning",
    title: "Provisioning (SCIM 2.0)",
    text: "Create, update and deactivate people from your identity provider.",
  },
  {
    to: "/admin/integrations/import",
    title: "Import and export (CSV)",
    text: "Bring people in from a spreadsheet; download people, enrolments, attendance and grades.",
  },
  {
    to: "/admin/integrations/webhooks",
    title: "Webhooks",
    text: "Tell your own systems when requests, relationships, sessions and certificates change.",
  },
  {
    to: "/admin/integrations/xapi",
    title: "Learning record store (xAPI)",
    text: "Send lesson, quiz, cohort and certificate events to your LRS.",
  },
] as const;

export default function IntegrationsPage() {
  usePageTitle("Integrations");
  return (
    <RequireAdmin title="Integrations">
      <PageHeader
        title="Integrations"
        description="Connect Trellis to the tools your organization already uses. Calendar feeds and email preferences are set by each person on their own account pages."
      />
      <ul className="grid gap-4 md:grid-cols-2">
        {INTEGRATIONS.map((i) => (
          <li key={i.to}>
            <Card>
              <h2 className="text-lg font-semibold">
                <Link to={i.to}>{i.title}</Link>
              </h2>
              <p className="mt-1 text-slate-700">{i.text}</p>
            </Card>
          </li>
        ))}
      </ul>
    </RequireAdmin>
  );
}
