import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, type FieldErrors, fieldErrorsOf, unwrap } from "../../../api/client.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { Badge, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { TextAreaField, TextField } from "../../../components/Field.tsx";
import { Card } from "../../../components/Page.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { formatDate } from "../../../lib/dates.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { mentoringKeys, type Relationship } from "../../../lib/mentoring.ts";
import { ConfidentialNotice } from "../parts.tsx";
import { otherOf, type TabProps, useSetRelationship } from "./shared.ts";

type Agreement = NonNullable<Relationship["agreement"]>;

const DEFAULT_CONFIDENTIALITY =
  "What we discuss stays between the two of us unless we both agree otherwise. Either of us can end the relationship at any time, without blame.";

function Signatures({ relationship: r, timeZone }: TabProps) {
  const a = r.agreement;
  const rows = [
    { side: "mentor" as const, person: r.mentor, at: a?.mentorSignedAt ?? null },
    { side: "mentee" as const, person: r.mentee, at: a?.menteeSignedAt ?? null },
  ];
  return (
    <ul className="space-y-2" aria-label="Signatures">
      {rows.map((row) => (
        <li key={row.side} className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold">
            {row.person.name}
            {r.mySide === row.side ? " (you)" : null}
          </span>
          <span className="text-slate-700">· {row.side}</span>
          {row.at ? (
            <Badge tone="green">Signed {formatDate(row.at, timeZone)}</Badge>
          ) : (
            <Badge tone="amber">Not signed yet</Badge>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReadOnlyAgreement({ agreement }: { agreement: Agreement }) {
  const items: [string, string][] = [
    ["Goals and expectations", agreement.goals],
    ["How often we meet", agreement.cadence],
    ["How we meet", agreement.channel],
    ["Confidentiality", agreement.confidentiality],
    ["Duration", `${agreement.durationMonths} months`],
  ];
  return (
    <dl className="divide-y divide-slate-200 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="grid gap-1 py-2 sm:grid-cols-3">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="whitespace-pre-line text-slate-900 sm:col-span-2">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AgreementForm({
  relationship: r,
  defaultDuration,
}: {
  relationship: Relationship;
  defaultDuration: number;
}) {
  const toast = useToast();
  const setRelationship = useSetRelationship(r.id);
  const a = r.agreement;
  const [goals, setGoals] = useState(a?.goals ?? "");
  const [cadence, setCadence] = useState(a?.cadence ?? "");
  const [channel, setChannel] = useState(a?.channel ?? "");
  const [confidentiality, setConfidentiality] = useState(a?.confidentiality ?? DEFAULT_CONFIDENTIALITY);
  const [duration, setDuration] = useState(String(a?.durationMonths ?? defaultDuration));
  const save = useMutation({
    mutationFn: (body: Omit<Agreement, "mentorSignedAt" | "menteeSignedAt" | "updatedAt">) =>
      unwrap(
        api.PUT("/api/mentoring/relationships/{id}/agreement", { params: { path: { id: r.id } }, body }),
      ),
    onSuccess: (next) => {
      setRelationship(next);
      toast("Agreement saved. Both of you need to sign it.");
    },
  });
  const { shownError, validate } = useClientValidation(save.error);
  const fields = fieldErrorsOf(shownError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!goals.trim()) errors.goals = "Write what you both want from the relationship.";
    if (!cadence.trim()) errors.cadence = "Say how often you will meet.";
    if (!channel.trim()) errors.channel = "Say how you will meet.";
    if (!confidentiality.trim()) errors.confidentiality = "Agree on what stays between you.";
    const months = Number(duration);
    if (!Number.isInteger(months) || months < 1 || months > 36)
      errors.durationMonths = "Enter a whole number of months from 1 to 36.";
    if (!validate(errors)) return;
    save.mutate({
      goals: goals.trim(),
      cadence: cadence.trim(),
      channel: channel.trim(),
      confidentiality: confidentiality.trim(),
      durationMonths: months,
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Agreement">
      <FormAlert error={shownError} title="The agreement could not be saved" />
      <TextAreaField
        label="Goals and expectations"
        required
        rows={4}
        maxLength={4000}
        value={goals}
        onChange={(e) => setGoals(e.target.value)}
        hint="What the mentee hopes to achieve, and what each of you will bring."
        error={fields.goals}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="How often you meet"
          required
          maxLength={200}
          value={cadence}
          onChange={(e) => setCadence(e.target.value)}
          placeholder="e.g. Every two weeks, 45 minutes"
          error={fields.cadence}
        />
        <TextField
          label="How you meet"
          required
          maxLength={200}
          value={channel}
          onChange={(e) => setChannel(e.target.value)}
          placeholder="e.g. Video call, in person once a quarter"
          error={fields.channel}
        />
      </div>
      <TextAreaField
        label="Confidentiality"
        required
        rows={3}
        maxLength={2000}
        value={confidentiality}
        onChange={(e) => setConfidentiality(e.target.value)}
        error={fields.confidentiality}
      />
      <TextField
        label="Duration (months)"
        required
        type="number"
        inputMode="numeric"
        min={1}
        max={36}
        value={duration}
        onChange={(e) => setDuration(e.target.value)}
        hint="Mentoring is long-term: 6 to 12 months suits most pairs. You can extend it later."
        error={fields.durationMonths}
        className="max-w-xs space-y-1"
      />
      <p className="text-sm text-slate-700">
        {a ? "Saving a change asks both of you to sign again." : "Once saved, you both sign it."}
      </p>
      <SubmitButton pending={save.isPending}>{a ? "Save changes" : "Save the agreement"}</SubmitButton>
    </form>
  );
}

function SignButton({ relationship: r }: TabProps) {
  const toast = useToast();
  const setRelationship = useSetRelationship(r.id);
  const sign = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/mentoring/relationships/{id}/agreement/sign", { params: { path: { id: r.id } } }),
      ),
    onSuccess: (next) => {
      setRelationship(next);
      toast(
        next.status === "active"
          ? "You both signed. Your mentoring relationship is now active."
          : `You signed. ${otherOf(next).name} needs to sign too.`,
      );
    },
  });
  return (
    <div className="space-y-2">
      <FormAlert error={sign.error} title="The agreement could not be signed" />
      <Button onClick={() => sign.mutate()} disabled={sign.isPending}>
        {sign.isPending ? "Signing…" : "Sign the agreement"}
      </Button>
    </div>
  );
}

export function AgreementTab({ relationship: r, timeZone }: TabProps) {
  const settings = useQuery({
    queryKey: mentoringKeys.settings(r.program.id),
    queryFn: () =>
      unwrap(api.GET("/api/programs/{id}/mentoring/settings", { params: { path: { id: r.program.id } } })),
    enabled: r.status === "proposed" && r.agreement === null,
    retry: false,
  });
  const a = r.agreement;
  const mySignature = a ? (r.mySide === "mentor" ? a.mentorSignedAt : a.menteeSignedAt) : null;
  const other = otherOf(r);
  return (
    <div className="space-y-6">
      <ConfidentialNotice>
        Your agreement is between the two of you. The program team sees only whether the relationship is
        active.
      </ConfidentialNotice>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">
            {r.status === "proposed" ? (a ? "Your agreement" : "Write your agreement") : "Your agreement"}
          </h2>
          {r.status === "proposed" ? (
            a === null && settings.isPending && settings.fetchStatus !== "idle" ? (
              <Loading label="Loading…" />
            ) : (
              <AgreementForm
                key={a?.updatedAt ?? "new"}
                relationship={r}
                defaultDuration={settings.data?.defaultDurationMonths ?? 9}
              />
            )
          ) : a ? (
            <ReadOnlyAgreement agreement={a} />
          ) : (
            <p className="text-sm text-slate-700">No agreement was written for this relationship.</p>
          )}
        </Card>
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">Signatures</h2>
          {a ? (
            <Signatures relationship={r} timeZone={timeZone} />
          ) : (
            <p className="text-sm text-slate-700">
              Write and save the agreement first; then you both sign it.
            </p>
          )}
          {r.status === "proposed" && a ? (
            mySignature ? (
              <p className="text-sm text-slate-800">
                You signed. Waiting for {other.name} to sign; the relationship starts then.
              </p>
            ) : (
              <>
                <p className="text-sm text-slate-800">
                  Signing says you agree to work this way. When you have both signed, the relationship becomes
                  active.
                </p>
                <SignButton relationship={r} timeZone={timeZone} />
              </>
            )
          ) : null}
          {r.status === "active" ? (
            <p className="text-sm text-emerald-900">You both signed; the relationship is active.</p>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
