import { useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { type AdvisorQuestionnaire, advisorKeys } from "../../lib/advisor.ts";
import { AdvisorForm } from "./AdvisorForm.tsx";
import { AdvisorHistory } from "./AdvisorHistory.tsx";
import { AdvisorResult } from "./AdvisorResult.tsx";
import { SubjectPicker } from "./SubjectPicker.tsx";

function TakeAdvisor({ questionnaire }: { questionnaire: AdvisorQuestionnaire }) {
  const { person: me } = useSession();
  const [params, setParams] = useSearchParams();
  const forId = questionnaire.hasReports ? params.get("for") : null;
  const report = useQuery({
    queryKey: ["person", forId],
    queryFn: () => unwrap(api.GET("/api/people/{id}", { params: { path: { id: forId ?? "" } } })),
    enabled: forId !== null && forId !== me.id,
  });
  const chosen = forId && report.data ? { id: report.data.id, name: report.data.name } : undefined;
  const subject = chosen ?? { id: me.id, name: me.name };
  const onBehalf = chosen !== undefined;
  const choose = (person: { id: string } | null) => {
    const next = new URLSearchParams(params);
    if (person) next.set("for", person.id);
    else next.delete("for");
    setParams(next, { replace: true });
  };
  if (forId && report.isPending) return <Loading label="Loading the person…" />;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        {questionnaire.hasReports ? (
          <SubjectPicker subject={subject} onBehalf={onBehalf} onChoose={choose} />
        ) : null}
        <AdvisorForm
          key={subject.id}
          questionnaire={questionnaire}
          personId={subject.id}
          personName={subject.name}
          onBehalf={onBehalf}
        />
      </div>
      <div className="lg:col-span-1">
        <AdvisorHistory personId={subject.id} personName={subject.name} self={!onBehalf} />
      </div>
    </div>
  );
}

function AdvisorHome() {
  usePageTitle("Development advisor");
  const questionnaire = useQuery({
    queryKey: advisorKeys.questionnaire,
    queryFn: () => unwrap(api.GET("/api/advisor/questionnaire")),
  });
  return (
    <>
      <PageHeader
        title="Development advisor"
        description="Mentoring, coaching or training? Answer eight questions about the need and get a recommendation with its reasons, and the programs open to you."
      />
      {questionnaire.isPending ? (
        <Loading label="Loading the questions…" />
      ) : questionnaire.isError ? (
        <ErrorState error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />
      ) : (
        <TakeAdvisor questionnaire={questionnaire.data} />
      )}
    </>
  );
}

export default function AdvisorPage() {
  const { responseId } = useParams();
  return responseId ? <AdvisorResult key={responseId} id={responseId} /> : <AdvisorHome />;
}
