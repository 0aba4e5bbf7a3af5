import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api, assertValid, type FieldErrors, fieldErrorsOf, unwrap } from "../../api/client.ts";
import { meKey, useSession } from "../../api/session.ts";
import { SubmitButton } from "../../components/Button.tsx";
import { FormAlert } from "../../components/Feedback.tsx";
import { TextAreaField, TextField } from "../../components/Field.tsx";
import { Card, PageHeader, usePageTitle } from "../../components/Page.tsx";
import { TagListEditor } from "../../components/TagListEditor.tsx";
import { TimeZoneField } from "../../components/TimeZoneField.tsx";
import { useToast } from "../../components/Toast.tsx";
import { ROLE_LABELS } from "../../lib/labels.ts";
import { SkillsEditor } from "./SkillsEditor.tsx";
import { YourDataCard } from "./YourDataCard.tsx";

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export default function MyProfilePage() {
  usePageTitle("My profile");
  const { person } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
  });
  const [name, setName] = useState(person.name);
  const [title, setTitle] = useState(person.title ?? "");
  const [location, setLocation] = useState(person.location ?? "");
  const [timeZone, setTimeZone] = useState(person.timeZone);
  const [languages, setLanguages] = useState(person.languages);
  const [skills, setSkills] = useState(person.skills);
  const [interests, setInterests] = useState(person.interests);
  const [careerGoals, setCareerGoals] = useState(person.careerGoals ?? "");

  const save = useMutation({
    mutationFn: async () => {
      const errors: FieldErrors = {};
      if (!name.trim()) errors.name = "Enter your name.";
      const cleanSkills = skills.map((s) => ({ name: s.name.trim(), level: s.level }));
      cleanSkills.forEach((s, i) => {
        if (!s.name) errors[`skills.${i}.name`] = "Name the skill, or remove the row.";
      });
      const names = cleanSkills.map((s) => s.name.toLowerCase());
      if (new Set(names).size !== names.length) errors.skills = "List each skill once.";
      if (careerGoals.length > 2000) errors.careerGoals = "Keep it under 2000 characters.";
      assertValid(errors);
      return unwrap(
        api.PATCH("/api/me/profile", {
          body: {
            name: name.trim(),
            title: orNull(title),
            location: orNull(location),
            timeZone,
            languages,
            skills: cleanSkills,
            interests,
            careerGoals: orNull(careerGoals),
          },
        }),
      );
    },
    onSuccess: (p) => {
      qc.setQueryData(["person", p.id], p);
      void qc.invalidateQueries({ queryKey: meKey });
      void qc.invalidateQueries({ queryKey: ["people"] });
      void qc.invalidateQueries({ queryKey: ["people-facets"] });
      setSkills(p.skills);
      toast("Your profile is saved.");
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const fields = fieldErrorsOf(save.error);

  return (
    <>
      <PageHeader
        title="My profile"
        description="Programs use your profile to match you with mentors, coaches and courses."
        actions={
          <Link to={`/people/${person.id}`} className="self-center font-semibold">
            See your public profile
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <form
          onSubmit={onSubmit}
          noValidate
          className="space-y-6 xl:col-span-2"
          aria-label="Edit your profile"
        >
          <FormAlert error={save.error} />
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">About you</h2>
            <TextField
              label="Name"
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={fields.name}
            />
            <TextField
              label="Job title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={fields.title}
            />
            <TextField
              label="Location"
              hint="City or office, e.g. Berlin."
              value={location}
              onChange={(e) => setLocation(e.target.value)}
              error={fields.location}
            />
            <TimeZoneField value={timeZone} onChange={setTimeZone} error={fields.timeZone} />
            <TagListEditor
              label="Languages"
              values={languages}
              onChange={setLanguages}
              suggestFrom={{ facet: "language", summary: facets.data?.languages }}
              placeholder="e.g. Spanish"
              hint="Mentors and mentees are matched on a shared language."
              error={fields.languages}
              max={20}
            />
          </Card>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">Skills and growth</h2>
            <SkillsEditor skills={skills} onChange={setSkills} errors={fields} />
            <TagListEditor
              label="Interests"
              values={interests}
              onChange={setInterests}
              placeholder="e.g. Leadership"
              error={fields.interests}
            />
            <TextAreaField
              label="Career goals"
              hint="Only you, org admins and program managers can read this."
              value={careerGoals}
              maxLength={2000}
              onChange={(e) => setCareerGoals(e.target.value)}
              error={fields.careerGoals}
            />
          </Card>
          <SubmitButton pending={save.isPending}>Save profile</SubmitButton>
        </form>
        <div className="h-fit space-y-6">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Set by your admin</h2>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium text-slate-700">Email</dt>
                <dd>{person.email}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Role</dt>
                <dd>{ROLE_LABELS[person.orgRole]}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Department</dt>
                <dd>{person.department ?? "Not set"}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Seniority level</dt>
                <dd>{person.seniority ?? "Not set"}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Manager</dt>
                <dd>
                  {person.manager ? (
                    <Link to={`/people/${person.manager.id}`}>{person.manager.name}</Link>
                  ) : (
                    "Not set"
                  )}
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-700">Ask an org admin if any of these are wrong.</p>
          </Card>
          <YourDataCard />
        </div>
      </div>
    </>
  );
}
