import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { api, type Schemas, unwrap } from "../../api/client.ts";
import { useSession } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { EmptyState, ErrorState, FormAlert, Loading } from "../../components/Feedback.tsx";
import { Card, PageHeader, Section, usePageTitle } from "../../components/Page.tsx";
import { useToast } from "../../components/Toast.tsx";
import { formatDateTime } from "../../lib/dates.ts";

type Created = Schemas["CalendarFeedCreated"];

const KEY = ["calendar-feed"];

export default function CalendarFeedPage() {
  usePageTitle("Calendar feed");
  const qc = useQueryClient();
  const toast = useToast();
  const { person } = useSession();
  const status = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET("/api/me/calendar-feed")) });
  const [created, setCreated] = useState<Created | null>(null);
  const [confirm, setConfirm] = useState<"reset" | "off" | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/me/calendar-feed")),
    onSuccess: (feed, _v) => {
      setCreated(feed);
      setConfirm(null);
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const turnOff = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/me/calendar-feed")),
    onSuccess: () => {
      setCreated(null);
      setConfirm(null);
      void qc.invalidateQueries({ queryKey: KEY });
      toast("Your calendar feed is off. Calendars subscribed to it no longer update.");
    },
  });
  const active = status.data?.active ?? false;
  return (
    <>
      <PageHeader
        title="Calendar feed"
        description="See your mentoring meetings, coaching sessions and training sessions in Google Calendar, Outlook or Apple Calendar. The feed updates by itself when a session is moved or cancelled."
      />
      <div className="max-w-3xl space-y-8">
        <Card>
          <FormAlert error={create.error ?? turnOff.error} />
          {status.isError ? (
            <ErrorState error={status.error} onRetry={() => status.refetch()} />
          ) : !status.data ? (
            <Loading />
          ) : created ? (
            <NewLink feed={created} />
          ) : active ? (
            <div className="space-y-2">
              <h2 className="text-lg font-semibold">Your feed is on</h2>
              <p className="text-slate-800">
                Made {status.data.createdAt ? formatDateTime(status.data.createdAt, person.timeZone) : ""}.{" "}
                {status.data.lastUsedAt
                  ? `A calendar last fetched it around ${formatDateTime(status.data.lastUsedAt, person.timeZone)}.`
                  : "No calendar has fetched it yet."}
              </p>
              <p className="text-sm text-slate-700">
                For your safety the link is shown only when it is made. If you lost it, or think someone else
                has it, reset it: you get a new link and the old one stops working.
              </p>
            </div>
          ) : (
            <EmptyState title="You have no calendar feed yet">
              <p>
                Create your private link, then add it to your calendar app as a subscription. Your sessions
                appear there and stay up to date.
              </p>
              <div className="mt-4">
                <Button onClick={() => create.mutate()} disabled={create.isPending}>
                  {create.isPending ? "Creating…" : "Create my feed link"}
                </Button>
              </div>
            </EmptyState>
          )}
          {active || created ? (
            <div className="mt-6 flex flex-wrap gap-3 border-t border-slate-200 pt-4">
              <Button variant="secondary" onClick={() => setConfirm("reset")}>
                Reset link
              </Button>
              <Button variant="ghost" onClick={() => setConfirm("off")}>
                Turn off the feed
              </Button>
            </div>
          ) : null}
        </Card>
        <Section title="What the feed shows">
          <ul className="list-disc space-y-1 pl-6 text-slate-800">
            <li>
              Your mentoring meetings, coaching sessions and training sessions from the last 90 days and
              ahead.
            </li>
            <li>
              Titles only: “Mentoring meeting”, “Coaching session”, or a training session’s kind and course.
              No topics, notes or names, since calendars are often shared or synced elsewhere.
            </li>
            <li>Times in your time zone ({person.timeZone}), changed with the daylight-saving dates.</li>
            <li>Moved or cancelled sessions are updated or marked cancelled.</li>
          </ul>
        </Section>
        <Section title="Add it to your calendar">
          <div className="grid gap-4 md:grid-cols-3">
            <Card>
              <h3 className="font-semibold">Google Calendar</h3>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800">
                <li>Open Google Calendar on a computer.</li>
                <li>Beside “Other calendars”, choose “+”, then “From URL”.</li>
                <li>Paste your link and choose “Add calendar”.</li>
              </ol>
              <p className="mt-2 text-xs text-slate-700">Google refreshes subscriptions every few hours.</p>
            </Card>
            <Card>
              <h3 className="font-semibold">Outlook</h3>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800">
                <li>In Calendar, choose “Add calendar”.</li>
                <li>Choose “Subscribe from web”.</li>
                <li>Paste your link, name it “Trellis” and choose “Import”.</li>
              </ol>
            </Card>
            <Card>
              <h3 className="font-semibold">Apple Calendar</h3>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800">
                <li>On a Mac: File → New Calendar Subscription.</li>
                <li>
                  On iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.
                </li>
                <li>Paste your link.</li>
              </ol>
            </Card>
          </div>
        </Section>
      </div>
      <Dialog
        open={confirm === "reset"}
        onClose={() => setConfirm(null)}
        title="Reset your calendar link?"
        description="You get a new link. The old one stops working at once: calendars subscribed with it stop updating until you add the new link."
      >
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Keep the current link
          </Button>
          <Button variant="danger" disabled={create.isPending} onClick={() => create.mutate()}>
            {create.isPending ? "Resetting…" : "Reset link"}
          </Button>
        </div>
      </Dialog>
      <Dialog
        open={confirm === "off"}
        onClose={() => setConfirm(null)}
        title="Turn off your calendar feed?"
        description="The link stops working and calendars subscribed to it stop updating. You can create a new link later."
      >
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Keep it on
          </Button>
          <Button variant="danger" disabled={turnOff.isPending} onClick={() => turnOff.mutate()}>
            {turnOff.isPending ? "Turning off…" : "Turn off"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function NewLink({ feed }: { feed: Created }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState("");
  useEffect(() => input.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied("Link copied.");
    } catch {
      input.current?.select();
      setCopied("Select the link and copy it with Ctrl+C or ⌘C.");
    }
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Your private feed link
      </h2>
      <p className="text-sm text-slate-800">
        Copy it now: it is shown only this once. Anyone with the link can see your session times, so keep it
        to yourself.
      </p>
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          Subscription URL
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={id}
            ref={input}
            readOnly
            value={feed.url}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          />
          <Button variant="secondary" onClick={() => void copy()}>
            Copy link
          </Button>
        </div>
        <output aria-live="polite" className="mt-1 block text-sm text-emerald-800">
          {copied}
        </output>
      </div>
      <p className="text-sm">
        <a href={feed.webcalUrl}>Open in my calendar app</a>
        <span className="text-slate-700"> (works where the device handles webcal: links)</span>
      </p>
    </section>
  );
}
