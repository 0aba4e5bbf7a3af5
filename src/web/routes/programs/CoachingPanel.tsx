import { Link } from "react-router";
import type { Program } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { Card, Section } from "../../components/Page.tsx";

/**
 * The coaching part of a program page: for program staff and sponsors, the way to the program's
 * engagements and to assigning a coach; for coachees, the way to their own coaching.
 */
export function CoachingPanel({ program }: { program: Program }) {
  const { person } = useSession();
  const role = person.orgRole;
  const assigns = role === "org_admin" || role === "program_manager" || role === "sponsor";
  const enrolled = program.me.enrolledAs.includes("coachee");
  if (!assigns && !enrolled) return null;
  return (
    <Section title="Coaching">
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {enrolled ? (
          <Card className="space-y-3">
            <h3 className="font-semibold">As a coachee</h3>
            <p className="text-sm text-slate-800">
              Your program manager or sponsor assigns you a coach, or proposes two or three for a short
              chemistry call so you can choose. You then agree your objectives together.
            </p>
            <ButtonLink to="/coaching" variant="secondary">
              My coaching
            </ButtonLink>
          </Card>
        ) : null}
        {assigns ? (
          <Card className="space-y-3">
            <h3 className="font-semibold">
              {role === "sponsor" ? "For sponsors" : "For the program team and sponsors"}
            </h3>
            <p className="text-sm text-slate-800">
              Assign a coach from a ranked shortlist, or propose two or three for a chemistry call, and follow
              each engagement's budget and next session. What is said in a session is never shown to you.
            </p>
            <div className="flex flex-wrap gap-2">
              <ButtonLink to={`/programs/${program.id}/coaching`}>Coaching engagements</ButtonLink>
              <ButtonLink to={`/coaching/insights?programId=${program.id}`} variant="secondary">
                Insights
              </ButtonLink>
            </div>
            <p className="text-sm">
              <Link to="/coaching/coaches">Coach pool</Link>
            </p>
          </Card>
        ) : null}
      </div>
    </Section>
  );
}
