import { PageHeader, usePageTitle } from "../../components/Page.tsx";

export default function DevelopmentRecordPage() {
  usePageTitle("Development record");
  return <PageHeader title="Development record" description="Coming soon." />;
}
