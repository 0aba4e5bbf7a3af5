import { PageHeader, usePageTitle } from "../../components/Page.tsx";

export default function AdvisorPage() {
  usePageTitle("Development advisor");
  return <PageHeader title="Development advisor" description="Coming soon." />;
}
