import type { ReactNode } from "react";
import { useSession } from "../../api/session.ts";
import { PageHeader } from "../../components/Page.tsx";

/** Admin pages say plainly that they are for org admins, instead of failing on a 403. */
export function RequireAdmin({ title, children }: { title: string; children: ReactNode }) {
  const { person } = useSession();
  if (person.orgRole !== "org_admin") {
    return (
      <>
        <PageHeader title={title} />
        <p role="alert" className="text-slate-800">
          This page is for org admins. Ask one of your organization's admins if you need something changed.
        </p>
      </>
    );
  }
  return <>{children}</>;
}
