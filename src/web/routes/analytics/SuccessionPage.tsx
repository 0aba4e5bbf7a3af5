import { PageHeader, usePageTitle } from "../../components/Page.tsx";

export default function SuccessionPage() {
  usePageTitle("Succession");
  return <PageHeader title="Succession" description="Coming soon." />;
}
