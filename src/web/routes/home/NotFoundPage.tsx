import { Link } from "react-router";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";

export default function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
