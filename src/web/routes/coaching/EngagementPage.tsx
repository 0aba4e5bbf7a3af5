import { PageHeader } from "../../components/Page.tsx";

export default function EngagementPage() {
  return <PageHeader title="Coaching engagement" />;
}
