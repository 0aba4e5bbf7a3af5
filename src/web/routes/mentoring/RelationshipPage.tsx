import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Badge, ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { Tabs } from "../../components/Tabs.tsx";
import { liveQuery, mentoringKeys, STATUS_LABELS, STATUS_TONES } from "../../lib/mentoring.ts";
import { AgreementTab } from "./relationship/AgreementTab.tsx";
import { CheckinsTab } from "./relationship/CheckinsTab.tsx";
import { GoalsTab } from "./relationship/GoalsTab.tsx";
import { IntroductionsTab } from "./relationship/IntroductionsTab.tsx";
import { JournalTab } from "./relationship/JournalTab.tsx";
import { MeetingsTab } from "./relationship/MeetingsTab.tsx";
import { OverviewTab } from "./relationship/OverviewTab.tsx";
import { otherOf } from "./relationship/shared.ts";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "agreement", label: "Agreement" },
  { id: "meetings", label: "Meetings" },
  { id: "journal", label: "Journal" },
  { id: "goals", label: "Goals" },
  { id: "checkins", label: "Check-ins" },
  { id: "introductions", label: "Introductions" },
] as const;
type TabId = (typeof TABS)[number]["id"];
const isTab = (v: string | null): v is TabId => TABS.some((t) => t.id === v);

export default function RelationshipPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const relationship = useQuery({
    queryKey: mentoringKeys.relationship(id),
    ...liveQuery,
    queryFn: () => unwrap(api.GET("/api/mentoring/relationships/{id}", { params: { path: { id } } })),
  });
  const r = relationship.data;
  usePageTitle(r ? `Mentoring with ${otherOf(r).name}` : "Mentoring relationship");
  const requested = params.get("tab");
  const tab: TabId = isTab(requested) ? requested : "overview";
  const select = (next: string) =>
    setParams(next === "overview" ? {} : { tab: next }, { replace: true, preventScrollReset: true });

  if (relationship.isPending) return <Loading label="Loading the relationship…" />;
  if (relationship.isError || !r) {
    return (
      <>
        <PageHeader title="Mentoring relationship" />
        <ErrorState error={relationship.error} onRetry={() => void relationship.refetch()} />
        <p className="mt-4">
          <Link to="/mentoring">Back to my mentoring</Link>
        </p>
      </>
    );
  }
  const other = otherOf(r);
  const props = { relationship: r, timeZone: person.timeZone };
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/mentoring">← My mentoring</Link>
      </p>
      <PageHeader
        title={`Mentoring with ${other.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONES[r.status]}>{STATUS_LABELS[r.status]}</Badge>
            <span>
              {r.program.name} · you are the {r.mySide}
            </span>
          </span>
        }
      />
      {r.status === "proposed" && tab !== "agreement" ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          This relationship starts when you have both signed your agreement.{" "}
          <button
            type="button"
            className="font-semibold text-amber-950 underline"
            onClick={() => select("agreement")}
          >
            Open the agreement
          </button>
        </p>
      ) : null}
      <Tabs label="Relationship sections" tabs={[...TABS]} selected={tab} onSelect={select}>
        {tab === "overview" ? (
          <OverviewTab {...props} onOpenTab={select} />
        ) : tab === "agreement" ? (
          <AgreementTab {...props} />
        ) : tab === "meetings" ? (
          <MeetingsTab {...props} />
        ) : tab === "journal" ? (
          <JournalTab {...props} />
        ) : tab === "goals" ? (
          <GoalsTab {...props} />
        ) : tab === "checkins" ? (
          <CheckinsTab {...props} />
        ) : (
          <IntroductionsTab {...props} />
        )}
      </Tabs>
    </>
  );
}
