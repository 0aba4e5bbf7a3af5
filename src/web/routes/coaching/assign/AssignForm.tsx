import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  ApiError,
  api,
  type FieldErrors,
  fieldErrorsOf,
  isRecord,
  type Program,
  type Schemas,
  unwrap,
} from "../../../api/client.ts";
import { useSession } from "../../../api/session.ts";
import { Button, SubmitButton } from "../../../components/Button.tsx";
import { EmptyState, ErrorState, FormAlert, Loading } from "../../../components/Feedback.tsx";
import { TextField } from "../../../components/Field.tsx";
import { PersonPicker } from "../../../components/PersonPicker.tsx";
import { useToast } from "../../../components/Toast.tsx";
import { coachingKeys, type Engagement } from "../../../lib/coaching.ts";
import { useClientValidation } from "../../../lib/forms.ts";
import { todayIn } from "../../../lib/mentoring.ts";
import { addMonths, pageKeys, type Ref } from "./parts.tsx";
import { type AssignMode, ShortlistView, unavailableReason } from "./Shortlist.tsx";
import { SponsorPicker } from "./SponsorPicker.tsx";

type EngagementCreate = Schemas["EngagementCreate"];

export const DEFAULT_BUDGET = 6;
export const DEFAULT_MONTHS = 3;
const MAX_PROPOSED = 3;

const MODES = [
  ["direct", "Assign one coach", "The coaching starts with the coach you choose."],
  ["chemistry", "Chemistry call with 2–3 coaches", "The coachee meets each briefly, then chooses one."],
] as const;

/** The alert's title for each error code the server can answer an assignment with. */
const ERROR_TITLES: Record<string, string> = {
  "coaching.coach_at_capacity": "That coach is full",
  "coaching.already_engaged": "This person already has coaching in this program",
  "coaching.sponsor_required": "Name a sponsor",
  "coaching.not_a_sponsor": "The sponsor must have the sponsor role",
  "coaching.conflict_of_roles": "Coachee, coach and sponsor must be three different people",
  "coaching.not_a_coach": "That coach cannot be assigned",
  "coaching.program_not_open": "The program is not published",
  "coaching.unknown_person": "The coachee cannot be coached here",
  "validation.failed": "Some fields need attention",
};

/**
 * The form's field errors from a failed assignment: the server's field paths, with the coach fields
 * (coachId, proposedCoachIds and its items) shown on the shortlist, and codes without a field placed
 * where they belong.
 */
export function assignFieldErrors(err: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(err))) {
    const key = path.startsWith("coachId") || path.startsWith("proposedCoachIds") ? "coach" : path;
    out[key] ??= message;
  }
  if (err instanceof ApiError) {
    if (err.code === "coaching.coach_at_capacity") out.coach ??= err.message;
    if (err.code === "coaching.already_engaged") out.coacheeId ??= err.message;
    if (err.code === "coaching.sponsor_required" || err.code === "coaching.not_a_sponsor")
      out.sponsorId ??= err.message;
    if (err.code === "coaching.conflict_of_roles" && isRecord(err.details)) {
      const f = err.details.field;
      if (f === "coachId" || f === "proposedCoachIds") out.coach ??= err.message;
    }
  }
  return out;
}

const alertTitle = (err: unknown) =>
  err instanceof ApiError
    ? (ERROR_TITLES[err.code] ?? "The coaching could not be set up")
    : "The coaching could not be set up";

/**
 * Assigns coaching in a program: the coachee and their focus, the ranked shortlist, then one coach
 * (assigned directly) or two or three (a chemistry call, the coachee chooses), with the sponsor,
 * the session budget and the dates.
 */
export function AssignForm({ program }: { program: Program }) {
  const { person } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const callerIsSponsor = person.orgRole === "sponsor";
  const today = todayIn(person.timeZone);

  const [coachee, setCoachee] = useState<Ref | null>(null);
  const [focus, setFocus] = useState("");
  const [listed, setListed] = useState<{ coachee: Ref; focus: string } | null>(null);
  const [mode, setMode] = useState<AssignMode>("direct");
  const [chosen, setChosen] = useState<string[]>([]);
  const [sponsor, setSponsor] = useState<Ref | null>(null);
  const [budget, setBudget] = useState(String(DEFAULT_BUDGET));
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(addMonths(today, DEFAULT_MONTHS));
  const shortlistHeading = useRef<HTMLHeadingElement>(null);

  const shortlist = useQuery({
    queryKey: pageKeys.shortlist(program.id, listed?.coachee.id ?? "", listed?.focus ?? ""),
    queryFn: () =>
      unwrap(
        api.GET("/api/programs/{id}/coaching/shortlist", {
          params: {
            path: { id: program.id },
            query: { coacheeId: listed?.coachee.id ?? "", ...(listed?.focus ? { focus: listed.focus } : {}) },
          },
        }),
      ),
    enabled: listed !== null,
  });

  const create = useMutation({
    mutationFn: (body: EngagementCreate) =>
      unwrap(
        api.POST("/api/programs/{id}/coaching/engagements", { params: { path: { id: program.id } }, body }),
      ),
    onSuccess: (e: Engagement) => {
      void qc.invalidateQueries({ queryKey: coachingKeys.all });
      toast(
        e.proposedCoaches.length > 1 && !e.coach
          ? `Proposed ${e.proposedCoaches.length} coaches to ${e.coachee.name} for a chemistry call.`
          : `Coaching set up for ${e.coachee.name}.`,
      );
      navigate(`/coaching/engagements/${e.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === "coaching.coach_at_capacity") {
        void qc.invalidateQueries({ queryKey: ["coaching", "shortlist", program.id] });
        void qc.invalidateQueries({ queryKey: coachingKeys.coaches });
      }
    },
  });
  const { shownError, validate } = useClientValidation(create.error);
  const fields = assignFieldErrors(shownError);

  const listedId = listed?.coachee.id;
  useEffect(() => {
    if (listedId && shortlist.isSuccess) shortlistHeading.current?.focus();
  }, [listedId, shortlist.isSuccess]);

  const pickCoachee = (p: Ref | null) => {
    setCoachee(p);
    setListed(null);
    setChosen([]);
  };

  const showShortlist = () => {
    if (!coachee) {
      validate({ coacheeId: "Choose the coachee first." });
      return;
    }
    validate({});
    setChosen([]);
    setListed({ coachee, focus: focus.trim() });
  };

  const switchMode = (m: AssignMode) => {
    setMode(m);
    setChosen((c) => (m === "direct" ? c.slice(0, 1) : c));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!coachee) errors.coacheeId = "Choose the coachee.";
    else if (!listed) errors.coach = "Show the shortlist, then choose from it.";
    else if (mode === "direct" && chosen.length !== 1) errors.coach = "Choose the coach to assign.";
    else if (mode === "chemistry" && (chosen.length < 2 || chosen.length > MAX_PROPOSED))
      errors.coach = `Choose 2 or ${MAX_PROPOSED} coaches for the chemistry call.`;
    if (!sponsor && !callerIsSponsor) errors.sponsorId = "Choose the sponsor who funds this coaching.";
    const sessions = Number(budget);
    if (!Number.isInteger(sessions) || sessions < 1 || sessions > 50)
      errors.sessionBudget = "Enter a whole number of sessions from 1 to 50.";
    if (!startDate) errors.startDate = "Enter the start date.";
    if (!endDate) errors.endDate = "Enter the end date.";
    else if (startDate && endDate <= startDate) errors.endDate = "The end date must be after the start date.";
    if (!validate(errors) || !coachee) return;
    create.mutate({
      coacheeId: coachee.id,
      ...(mode === "direct" ? { coachId: chosen[0] } : { proposedCoachIds: chosen }),
      ...(sponsor ? { sponsorId: sponsor.id } : {}),
      sessionBudget: sessions,
      startDate,
      endDate,
      focus: focus.trim(),
    });
  };

  const items = shortlist.data?.items ?? [];
  const available = items.filter((i) => unavailableReason(i) === null).length;
  const pool = shortlist.data?.total ?? items.length;
  const ranked =
    pool > items.length
      ? `The best ${items.length} of ${pool} coaches`
      : `${items.length} ${items.length === 1 ? "coach" : "coaches"} ranked`;
  const chosenNames = chosen
    .map((id) => items.find((i) => i.coach.person.id === id)?.coach.person.name)
    .filter(Boolean);
  const submitLabel =
    mode === "direct"
      ? chosenNames[0]
        ? `Assign ${chosenNames[0]}`
        : "Assign the coach"
      : chosen.length >= 2
        ? `Propose ${chosen.length} coaches for a chemistry call`
        : "Propose coaches for a chemistry call";

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Assign a coach">
      <FormAlert error={shownError} title={alertTitle(shownError)} />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">1. Who is coached, and on what</legend>
        <PersonPicker
          label="Coachee"
          value={coachee}
          onChange={pickCoachee}
          hint="The person who receives the coaching."
          error={fields.coacheeId}
        />
        <TextField
          label="Focus areas"
          value={focus}
          maxLength={500}
          onChange={(e) => setFocus(e.target.value)}
          hint="Separate with commas, e.g. delegation, giving feedback. Coaches whose specialties match rank higher; the focus is kept on the engagement."
          error={fields.focus}
        />
        <Button variant="secondary" onClick={showShortlist}>
          {listed ? "Rank the coaches again" : "Show the shortlist"}
        </Button>
      </fieldset>

      {listed ? (
        <section aria-labelledby="assign-shortlist-heading" className="space-y-4">
          <h3
            id="assign-shortlist-heading"
            ref={shortlistHeading}
            tabIndex={-1}
            className="text-base font-semibold focus:outline-none"
          >
            2. Choose the coach for {listed.coachee.name}
          </h3>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">How the coach is chosen</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {MODES.map(([m, label, hint]) => (
                <label
                  key={m}
                  className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
                    mode === m ? "border-emerald-700 bg-emerald-50" : "border-slate-300 bg-white"
                  }`}
                >
                  <input
                    type="radio"
                    name="assign-mode"
                    value={m}
                    checked={mode === m}
                    onChange={() => switchMode(m)}
                    className="mt-1"
                  />
                  <span>
                    <span className="block font-semibold">{label}</span>
                    <span className="text-slate-700">{hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div aria-live="polite" aria-busy={shortlist.isFetching}>
            {shortlist.isPending ? (
              <Loading label="Ranking the coaches…" />
            ) : shortlist.isError ? (
              <ErrorState error={shortlist.error} onRetry={() => void shortlist.refetch()} />
            ) : items.length === 0 ? (
              <EmptyState title="The coach pool is empty">
                <p>
                  Add coaches to the <Link to="/coaching/coaches">coach pool</Link> first, then come back to
                  assign one.
                </p>
              </EmptyState>
            ) : (
              <fieldset aria-describedby={fields.coach ? "assign-coach-error" : undefined}>
                <legend className="mb-2 text-sm text-slate-700">
                  {ranked}, {available} available.{" "}
                  {mode === "chemistry"
                    ? `Choose 2 or ${MAX_PROPOSED} for the chemistry call (${chosen.length} chosen).`
                    : "Choose one to assign."}
                </legend>
                {fields.coach ? (
                  <p id="assign-coach-error" className="mb-2 text-sm font-medium text-red-700">
                    {fields.coach}
                  </p>
                ) : null}
                <ShortlistView
                  items={items}
                  coacheeName={listed.coachee.name}
                  mode={mode}
                  chosen={chosen}
                  onChange={setChosen}
                  max={MAX_PROPOSED}
                />
              </fieldset>
            )}
          </div>
        </section>
      ) : fields.coach ? (
        <p className="text-sm font-medium text-red-700">{fields.coach}</p>
      ) : null}

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">
          {listed ? "3." : "2."} Sponsor, budget and dates
        </legend>
        <SponsorPicker
          label="Sponsor"
          value={sponsor}
          onChange={setSponsor}
          required={!callerIsSponsor}
          hint={
            callerIsSponsor
              ? "The person who funds the coaching and agrees the objectives. Leave it empty to sponsor it yourself."
              : "The person who funds the coaching and agrees the objectives. Only people with the sponsor role can sponsor."
          }
          error={fields.sponsorId}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Session budget"
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            required
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            hint="Sessions the sponsor funds."
            error={fields.sessionBudget}
          />
          <TextField
            label="Start date"
            type="date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            error={fields.startDate}
          />
          <TextField
            label="End date"
            type="date"
            required
            min={startDate || undefined}
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
            hint={`Usually ${DEFAULT_MONTHS} months after the start.`}
            error={fields.endDate}
          />
        </div>
      </fieldset>
      <SubmitButton pending={create.isPending} pendingLabel="Setting up…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
