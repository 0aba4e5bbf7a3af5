import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { managesPrograms } from "../../lib/labels.ts";
import { programKey } from "../../lib/programs.ts";
import { ProgramForm, type ProgramValues } from "./ProgramForm.tsx";

export default function ProgramCreatePage() {
  usePageTitle("New program");
  const { person } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (values: ProgramValues) => {
      const { status, ...rest } = values;
      return unwrap(
        api.POST("/api/programs", {
          body: { ...rest, status: status === "published" ? "published" : "draft" },
        }),
      );
    },
    onSuccess: (program) => {
      qc.setQueryData(programKey(program.id), program);
      void qc.invalidateQueries({ queryKey: ["programs"] });
      void qc.invalidateQueries({ queryKey: ["organization-stats"] });
      toast(
        program.status === "published"
          ? `${program.name} is published.`
          : `${program.name} is saved as a draft.`,
      );
      navigate(`/programs/${program.id}`);
    },
  });

  if (!managesPrograms(person.orgRole)) {
    return (
      <>
        <PageHeader title="New program" />
        <p role="alert">Only program managers and org admins can create programs.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="New program"
        description="Set up a mentoring, coaching or training program, who can join, and what to ask them."
      />
      <ProgramForm
        timeZone={person.timeZone}
        onSubmit={(v) => create.mutate(v)}
        pending={create.isPending}
        error={create.error}
        submitLabel="Create program"
      />
    </>
  );
}
