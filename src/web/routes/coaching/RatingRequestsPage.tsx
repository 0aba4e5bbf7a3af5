import { PageHeader } from "../../components/Page.tsx";

export default function RatingRequestsPage() {
  return <PageHeader title="Rating requests" />;
}
