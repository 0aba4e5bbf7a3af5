import { useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { SelectField } from "../../components/Field.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { type AdvisorQuestionnaire, advisorKeys } from "../../lib/advisor.ts";
import { AdvisorForm } from "./AdvisorForm.tsx";
import { AdvisorHistory } from "./AdvisorHistory.tsx";
import { AdvisorResult } from "./AdvisorResult.tsx";

function TakeAdvisor({ questionnaire }: { questionnaire: AdvisorQuestionnaire }) {
  const { person: me } = useSession();
  const [params, setParams] = useSearchParams();
  const reports = questionnaire.people.filter((p) => p.relation === "report");
  const chosen = reports.find((p) => p.id === params.get("for"));
  const subject = chosen ?? { id: me.id, name: me.name };
  const onBehalf = chosen !== undefined;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        {reports.length > 0 ? (
          <SelectField
            label="For"
            hint="Managers can take the advisor on behalf of someone who reports to them."
            value={subject.id}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === me.id) next.delete("for");
              else next.set("for", e.target.value);
              setParams(next, { replace: true });
            }}
            options={[
              { value: me.id, label: "Yourself" },
              ...reports.map((r) => ({ value: r.id, label: `${r.name} (reports to you)` })),
            ]}
            className="max-w-sm space-y-1"
          />
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
