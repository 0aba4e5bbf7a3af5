import { Link } from "react-router";
import type { Person } from "../../api/client.ts";
import { Badge } from "../../components/Feedback.tsx";
import { Card } from "../../components/Page.tsx";
import { ROLE_LABELS, SKILL_LEVELS } from "../../lib/labels.ts";

function localTime(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(
      new Date(),
    );
  } catch {
    return null;
  }
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-700">Not given</span>;

/** A person's profile as the viewer may see it; seniority and career goals only with `visibility: full`. */
export function ProfileDetails({ person }: { person: Person }) {
  const time = localTime(person.timeZone);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <h2 className="mb-2 text-lg font-semibold">About</h2>
        <dl className="divide-y divide-slate-200 text-sm">
          <Row label="Email">
            <a href={`mailto:${person.email}`}>{person.email}</a>
          </Row>
          <Row label="Title">{person.title ?? none}</Row>
          <Row label="Department">{person.department ?? none}</Row>
          {person.visibility === "full" ? (
            <Row label="Seniority level">{person.seniority ?? none}</Row>
          ) : null}
          <Row label="Role">{ROLE_LABELS[person.orgRole]}</Row>
          <Row label="Manager">
            {person.manager ? <Link to={`/people/${person.manager.id}`}>{person.manager.name}</Link> : none}
          </Row>
          <Row label="Direct reports">
            {person.directReports.length ? (
              <ul>
                {person.directReports
                  .flatMap((r) => (r ? [r] : []))
                  .map((r) => (
                    <li key={r.id}>
                      <Link to={`/people/${r.id}`}>{r.name}</Link>
                    </li>
                  ))}
                {person.directReportCount > person.directReports.length ? (
                  <li className="text-slate-700">
                    and {(person.directReportCount - person.directReports.length).toLocaleString()} more
                  </li>
                ) : null}
              </ul>
            ) : (
              <span className="text-slate-700">None</span>
            )}
          </Row>
          <Row label="Location">{person.location ?? none}</Row>
          <Row label="Time zone">
            {person.timeZone}
            {time ? <span className="text-slate-700"> · {time} there now</span> : null}
          </Row>
          <Row label="Languages">{person.languages.length ? person.languages.join(", ") : none}</Row>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Skills and growth</h2>
        <h3 className="mt-2 text-sm font-semibold text-slate-800">Skills</h3>
        {person.skills.length ? (
          <ul className="mt-1 space-y-1 text-sm">
            {person.skills.map((s) => (
              <li key={s.name} className="flex items-center justify-between gap-2">
                <span>{s.name}</span>
                <Badge tone={s.level >= 4 ? "green" : s.level >= 2 ? "blue" : "slate"}>
                  Level {SKILL_LEVELS[s.level] ?? s.level}
                </Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No skills listed yet.</p>
        )}
        <h3 className="mt-4 text-sm font-semibold text-slate-800">Interests</h3>
        <p className="text-sm">
          {person.interests.length ? person.interests.join(", ") : "None listed yet."}
        </p>
        {person.visibility === "full" ? (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-800">Career goals</h3>
            <p className="text-sm whitespace-pre-line">{person.careerGoals ?? "Not written yet."}</p>
            <p className="mt-2 text-xs text-slate-700">
              Seniority and career goals are visible only to this person, org admins and program managers.
            </p>
          </>
        ) : null}
      </Card>
    </div>
  );
}
