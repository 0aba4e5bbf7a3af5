import { PageHeader, usePageTitle } from "../../components/Page.tsx";

export default function AnalyticsPage() {
  usePageTitle("Program analytics");
  return <PageHeader title="Program analytics" description="Coming soon." />;
}
