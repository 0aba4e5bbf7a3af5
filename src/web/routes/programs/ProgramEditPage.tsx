import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ErrorState, Loading } from "../../components/Feedback.tsx";
import { BackLink, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { programKey, useProgram } from "../../lib/programs.ts";
import { ProgramForm, type ProgramValues } from "./ProgramForm.tsx";

export default function ProgramEditPage() {
  const { id = "" } = useParams();
  const { person } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const program = useProgram(id);
  usePageTitle(program.data ? `Edit ${program.data.name}` : "Edit program");
  const save = useMutation({
    mutationFn: (values: ProgramValues) => {
      const { kind: _kind, ...patch } = values;
      return unwrap(api.PATCH("/api/programs/{id}", { params: { path: { id } }, body: patch }));
    },
    onSuccess: (p) => {
      qc.setQueryData(programKey(p.id), p);
      void qc.invalidateQueries({ queryKey: ["programs"] });
      void qc.invalidateQueries({ queryKey: ["organization-stats"] });
      toast(`Saved ${p.name}.`);
      navigate(`/programs/${p.id}`);
    },
  });

  if (program.isPending) return <Loading label="Loading program…" />;
  if (program.isError) {
    return (
      <>
        <PageHeader title="Edit program" />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
      </>
    );
  }
  const p = program.data;
  return (
    <>
      <BackLink to={`/programs/${p.id}`}>{p.name}</BackLink>
      <PageHeader title={`Edit ${p.name}`} />
      {p.me.canEdit ? (
        <ProgramForm
          program={p}
          timeZone={person.timeZone}
          onSubmit={(v) => save.mutate(v)}
          pending={save.isPending}
          error={save.error}
          submitLabel="Save changes"
        />
      ) : (
        <p role="alert">Only the program's owner or an org admin can edit it.</p>
      )}
    </>
  );
}
