import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { RecordLink } from "../records/RecordLink.tsx";
import { AdminPersonForms } from "./AdminPersonForms.tsx";
import { PersonIntroductions } from "./PersonIntroductions.tsx";
import { ProfileDetails } from "./ProfileDetails.tsx";

export default function PersonPage() {
  const { id = "" } = useParams();
  const { person: me } = useSession();
  const person = useQuery({
    queryKey: ["person", id],
    queryFn: () => unwrap(api.GET("/api/people/{id}", { params: { path: { id } } })),
  });
  usePageTitle(person.data?.name ?? "Person");
  if (person.isPending) return <Loading label="Loading profile…" />;
  if (person.isError) {
    return (
      <>
        <PageHeader title="Person" />
        <ErrorState error={person.error} onRetry={() => void person.refetch()} />
        <p className="mt-4">
          <Link to="/people">Back to people</Link>
        </p>
      </>
    );
  }
  const p = person.data;
  const isSelf = p.id === me.id;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/people">← People</Link>
      </p>
      <PageHeader
        title={p.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {[p.title, p.department].filter(Boolean).join(" · ") || "No title yet"}
            {p.status !== "active" ? (
              <Badge tone={p.status === "invited" ? "amber" : "red"}>
                {p.status === "invited" ? "Invited" : "Deactivated"}
              </Badge>
            ) : null}
          </span>
        }
        actions={
          <>
            <RecordLink personId={p.id} />
            {isSelf ? <ButtonLink to="/me">Edit your profile</ButtonLink> : null}
          </>
        }
      />
      <ProfileDetails person={p} />
      <PersonIntroductions personId={p.id} name={isSelf ? "You" : p.name} />
      {me.orgRole === "org_admin" ? <AdminPersonForms person={p} isSelf={isSelf} /> : null}
    </>
  );
}
