import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeEngagement, addCoach, daysAgo, growNote, heldBody } from "../../testing/coaching.ts";
import {
  client,
  type MadePerson,
  makeOrganization,
  makePerson,
  makeProgram,
  signIn,
} from "../../testing/factories.ts";
import { createTestContext, type TestContext } from "../../testing/harness.ts";
import { openCohort, publishedCourse } from "../../testing/training.ts";

type Client = ReturnType<typeof client>;

const CANARY = "CANARY-7f3c-do-not-leak";

let ctx: TestContext;
let people: Record<
  | "admin"
  | "manager"
  | "sponsor"
  | "mentor"
  | "mentee"
  | "coach"
  | "coachee"
  | "trainer"
  | "trainee"
  | "classmate"
  | "outsider"
  | "foreigner",
  MadePerson
>;
const as: Record<string, Client> = {};
let relationshipId: string;
let meetingId: string;
let engagementId: string;
let cohortId: string;

/** The last Sunday of a month, as a UTC date: the day Europe changes its clocks in March and October. */
function lastSunday(year: number, month: number) {
  const d = new Date(Date.UTC(year, month, 0));
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d;
}

const at = (day: Date, offsetDays: number, utcHour: number) =>
  new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + offsetDays, utcHour),
  ).toISOString();

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((component) => ({
    component,
    event: new ICAL.Event(component),
    uid: String(component.getFirstPropertyValue("uid")),
    status: component.getFirstPropertyValue("status"),
    sequence: Number(component.getFirstPropertyValue("sequence")),
  }));
  return { calendar, events, method: calendar.getFirstPropertyValue("method") };
}

async function ics(c: Client, path: string) {
  const res = await c.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.ics"$/);
  return { text: res.body as string, ...parse(res.body as string) };
}

const feedPath = (url: string) => new URL(url).pathname;

async function newFeed(c: Client) {
  const res = await c.post("/api/me/calendar-feed");
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { url: string; webcalUrl: string; createdAt: string };
}

async function readFeed(path: string) {
  const res = await ctx.app.request(path);
  const text = await res.text();
  return { res, text };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const org = await makeOrganization(ctx.db, "Calendars");
  const other = await makeOrganization(ctx.db, "Elsewhere");
  people = {
    admin: await makePerson(ctx.db, org, { role: "org_admin" }),
    manager: await makePerson(ctx.db, org, { role: "program_manager" }),
    sponsor: await makePerson(ctx.db, org, { role: "sponsor" }),
    mentor: await makePerson(ctx.db, org, { seniority: 4, name: "Mira Mentor" }),
    mentee: await makePerson(ctx.db, org, { seniority: 1, name: "Otto Mentee" }),
    coach: await makePerson(ctx.db, org, { name: "Cleo Coach" }),
    coachee: await makePerson(ctx.db, org, { name: "Carl Coachee" }),
    trainer: await makePerson(ctx.db, org, { name: "Tara Trainer" }),
    trainee: await makePerson(ctx.db, org, { name: "Tim Trainee" }),
    classmate: await makePerson(ctx.db, org, { name: "Clara Classmate" }),
    outsider: await makePerson(ctx.db, org),
    foreigner: await makePerson(ctx.db, other, { role: "org_admin" }),
  };
  const zones: Partial<Record<keyof typeof people, string>> = {
    mentee: "Europe/Berlin",
    coachee: "Europe/Berlin",
    coach: "America/New_York",
    trainee: "Europe/Berlin",
    trainer: "America/New_York",
  };
  for (const [who, zone] of Object.entries(zones)) {
    await ctx.db
      .updateTable("person")
      .set({ time_zone: zone })
      .where("id", "=", people[who as keyof typeof people].id)
      .execute();
  }
  for (const [name, p] of Object.entries(people)) as[name] = client(ctx.app, await signIn(ctx.app, p.email));
  const c = (name: keyof typeof people) => as[name] as Client;

  // Mentoring: an active pair with a logged meeting whose topics and notes hold the canary.
  const mentoring = await makeProgram(ctx.db, org, people.manager.id, { kind: "mentoring" });
  await c("mentor").post(`/api/programs/${mentoring}/enrolments`, { role: "mentor", answers: {} });
  await c("mentee").post(`/api/programs/${mentoring}/enrolments`, { role: "mentee", answers: {} });
  const request = await c("mentee").post(`/api/programs/${mentoring}/mentoring/requests`, {
    mentorId: people.mentor.id,
    message: "Would you mentor me?",
  });
  relationshipId = (await c("mentor").post(`/api/mentoring/requests/${request.body.id}/accept`)).body
    .relationshipId;
  await c("mentee").put(`/api/mentoring/relationships/${relationshipId}/agreement`, {
    goals: "G",
    cadence: "C",
    channel: "Ch",
    confidentiality: "Conf",
    durationMonths: 6,
  });
  await c("mentee").post(`/api/mentoring/relationships/${relationshipId}/agreement/sign`);
  await c("mentor").post(`/api/mentoring/relationships/${relationshipId}/agreement/sign`);
  const logged = await c("mentee").post(`/api/mentoring/relationships/${relationshipId}/meetings`, {
    metOn: daysAgo(3).slice(0, 10),
    durationMinutes: 45,
    topics: [`${CANARY} topic`],
    notes: `${CANARY} notes`,
  });
  expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  meetingId = logged.body.items[0].id;

  // Coaching: an active engagement.
  await addCoach(c("manager"), people.coach.id, 5);
  const coaching = await makeProgram(ctx.db, org, people.manager.id, { kind: "coaching" });
  engagementId = (
    await activeEngagement(
      {
        manager: c("manager"),
        sponsor: c("sponsor"),
        coach: c("coach"),
        coachee: c("coachee"),
        coachId: people.coach.id,
        coacheeId: people.coachee.id,
      },
      coaching,
    )
  ).id;

  // Training: a cohort the trainer teaches, with the trainee and a classmate enrolled.
  const training = await makeProgram(ctx.db, org, people.manager.id, { kind: "training" });
  const course = await publishedCourse(c("manager"), { title: "Giving Feedback Well" });
  cohortId = await openCohort(c("manager"), training, course.courseId, [people.trainer.id], 10);
  for (const p of [people.trainee, people.classmate]) {
    const res = await c("manager").post(`/api/training/cohorts/${cohortId}/enrolments`, { personId: p.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => ctx.close());

const c = (name: string) => as[name] as Client;

async function trainingSession(body: Record<string, unknown>) {
  const res = await c("trainer").post(`/api/training/cohorts/${cohortId}/sessions`, {
    kind: "workshop",
    title: "Practice round",
    location: "Room 4",
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function coachingSession(scheduledAt: string) {
  const res = await c("coach").post(`/api/coaching/engagements/${engagementId}/sessions`, {
    scheduledAt,
    durationMinutes: 60,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items.find((s: { scheduledAt: string }) => s.scheduledAt === scheduledAt).id as string;
}

describe("a mentoring meeting's invitation", () => {
  const path = () => `/api/mentoring/meetings/${meetingId}/calendar.ics`;

  it("is a whole-day event for the pair, organized by the mentor, without topics or notes", async () => {
    const { text, method, events } = await ics(c("mentee"), path());
    expect(method).toBe("REQUEST");
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e?.event.startDate.isDate).toBe(true);
    expect(e?.event.startDate.toString()).toBe(daysAgo(3).slice(0, 10));
    expect(e?.event.summary).toBe("Mentoring meeting");
    expect(e?.event.organizer.toLowerCase()).toBe(`mailto:${people.mentor.email}`);
    expect(e?.event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual(
      [`mailto:${people.mentor.email}`, `mailto:${people.mentee.email}`].sort(),
    );
    expect(e?.uid).toBe(`mentoring-meeting-${meetingId}@trellis`);
    expect(e?.sequence).toBe(0);
    expect(text).not.toContain(CANARY);
    expect((await ics(c("mentor"), path())).text).not.toContain(CANARY);
  });

  it("is 404 for everyone else, admins and the other organization included", async () => {
    for (const who of ["outsider", "admin", "manager", "sponsor", "foreigner"]) {
      expect((await c(who).get(path())).status, who).toBe(404);
    }
    expect((await client(ctx.app).get(path())).status).toBe(401);
    expect((await c("mentee").get(`/api/mentoring/meetings/${engagementId}/calendar.ics`)).status).toBe(404);
  });
});

describe("a coaching session's invitation", () => {
  let sessionId: string;
  let at10: string;

  beforeAll(async () => {
    at10 = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    sessionId = await coachingSession(`${at10}T09:00:00.000Z`);
  });

  it("is in the reader's own time zone, with its VTIMEZONE", async () => {
    const coachee = await ics(c("coachee"), `/api/coaching/sessions/${sessionId}/calendar.ics`);
    expect(coachee.calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(
      "Europe/Berlin",
    );
    const start = coachee.events[0]?.event.startDate;
    expect(start?.toJSDate().toISOString()).toBe(`${at10}T09:00:00.000Z`);
    expect(coachee.text).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T1[01]0000/);
    const coach = await ics(c("coach"), `/api/coaching/sessions/${sessionId}/calendar.ics`);
    expect(coach.calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(
      "America/New_York",
    );
    expect(coach.events[0]?.event.startDate.toJSDate().toISOString()).toBe(`${at10}T09:00:00.000Z`);
    expect(coach.events[0]?.event.organizer.toLowerCase()).toBe(`mailto:${people.coach.email}`);
    expect(coach.events[0]?.event.summary).toBe("Coaching session");
  });

  it("is for the coach and coachee: the sponsor and staff get 403, others 404", async () => {
    const path = `/api/coaching/sessions/${sessionId}/calendar.ics`;
    for (const who of ["sponsor", "manager", "admin"]) expect((await c(who).get(path)).status, who).toBe(403);
    for (const who of ["outsider", "mentor", "foreigner"])
      expect((await c(who).get(path)).status, who).toBe(404);
  });

  it("a rescheduled session is cancelled with a raised SEQUENCE; its new time is a new event", async () => {
    const moved = `${at10}T15:00:00.000Z`;
    const res = await c("coach").post(
      `/api/coaching/engagements/${engagementId}/sessions/${sessionId}/record`,
      {
        attendance: "rescheduled",
        newScheduledAt: moved,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const old = await ics(c("coachee"), `/api/coaching/sessions/${sessionId}/calendar.ics`);
    expect(old.method).toBe("CANCEL");
    expect(old.events[0]?.status).toBe("CANCELLED");
    expect(old.events[0]?.sequence).toBe(1);
    const newId = res.body.items.find((s: { scheduledAt: string }) => s.scheduledAt === moved).id;
    const fresh = await ics(c("coachee"), `/api/coaching/sessions/${newId}/calendar.ics`);
    expect(fresh.method).toBe("REQUEST");
    expect(fresh.events[0]?.status).toBe("CONFIRMED");
    expect(fresh.events[0]?.sequence).toBe(0);
    expect(fresh.events[0]?.uid).not.toBe(old.events[0]?.uid);
  });

  it("holds none of the session's notes", async () => {
    const past = await coachingSession(daysAgo(2));
    const held = await c("coach").post(
      `/api/coaching/engagements/${engagementId}/sessions/${past}/record`,
      heldBody({
        goal: growNote(`${CANARY} goal`),
        will: growNote(`${CANARY} will`, "coach_private"),
        privateNotes: `${CANARY} private`,
        sponsorSummary: `${CANARY} summary`,
      }),
    );
    // Earlier open sessions must be recorded first; the rescheduled one is in the future, so this one is first.
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    for (const who of ["coach", "coachee"]) {
      const { text } = await ics(c(who), `/api/coaching/sessions/${past}/calendar.ics`);
      expect(text).not.toContain(CANARY);
    }
  });
});

describe("a training session's invitation", () => {
  let sessionId: string;

  beforeAll(async () => {
    sessionId = await trainingSession({
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 5 * 86_400_000 + 2 * 3_600_000).toISOString(),
    });
  });
  const path = () => `/api/training/sessions/${sessionId}/calendar.ics`;

  it("invites a trainee alone with the trainer, who organizes it; the trainer's copy lists the roster", async () => {
    const mine = await ics(c("trainee"), path());
    const e = mine.events[0];
    expect(e?.event.summary).toBe("Workshop: Giving Feedback Well");
    expect(e?.event.location).toBe("Room 4");
    expect(e?.event.organizer.toLowerCase()).toBe(`mailto:${people.trainer.email}`);
    const emails = (x: typeof e) =>
      x?.event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort();
    expect(emails(e)).toEqual([`mailto:${people.trainee.email}`, `mailto:${people.trainer.email}`].sort());
    expect(mine.text).not.toContain(people.classmate.email);
    const trainers = await ics(c("trainer"), path());
    expect(emails(trainers.events[0])).toEqual(
      [people.trainer.email, people.trainee.email, people.classmate.email].map((m) => `mailto:${m}`).sort(),
    );
    for (const who of ["manager", "admin"]) await ics(c(who), path());
  });

  it("is 403 for other members and 404 for the other organization", async () => {
    expect((await c("outsider").get(path())).status).toBe(403);
    expect((await c("foreigner").get(path())).status).toBe(404);
  });

  it("raises SEQUENCE when the time or place changes and when cancelled, not for a new title", async () => {
    const seq = async () => (await ics(c("trainee"), path())).events[0]?.sequence;
    const patch = async (body: Record<string, unknown>) => {
      const res = await c("trainer").patch(`/api/training/sessions/${sessionId}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await patch({ title: "Renamed" });
    expect(await seq()).toBe(0);
    await patch({ location: "Room 7" });
    expect(await seq()).toBe(1);
    await patch({
      startsAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 6 * 86_400_000 + 3_600_000).toISOString(),
    });
    expect(await seq()).toBe(2);
    await patch({ cancelled: true });
    const cancelled = await ics(c("trainee"), path());
    expect(cancelled.method).toBe("CANCEL");
    expect(cancelled.events[0]?.status).toBe("CANCELLED");
    expect(cancelled.events[0]?.sequence).toBe(3);
  });
});

describe("the subscription feed", () => {
  it("starts empty, and a new link works over plain HTTP with the right headers", async () => {
    expect((await c("trainee").get("/api/me/calendar-feed")).body).toEqual({
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });
    const feed = await newFeed(c("trainee"));
    expect(feed.url).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace("http:", "webcal:"));
    const { res, text } = await readFeed(feedPath(feed.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/\bprivate\b/);
    expect(parse(text).method).toBe("PUBLISH");
    const status = (await c("trainee").get("/api/me/calendar-feed")).body;
    expect(status.active).toBe(true);
    expect(status.lastUsedAt).toBeTypeOf("string");
    const stored = await ctx.db.selectFrom("calendar_feed").select("token_hash").execute();
    const token = /\/calendar\/(.+)\.ics$/.exec(feed.url)?.[1] ?? "";
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);
  });

  it("keeps the wall-clock time of a weekly Berlin session across the March change", async () => {
    const change = lastSunday(new Date().getUTCFullYear() + 1, 3);
    // Tuesdays at 10:00 in Berlin: 09:00 UTC before the change, 08:00 UTC after it.
    const starts = [at(change, -12, 9), at(change, -5, 9), at(change, 2, 8), at(change, 9, 8)];
    const ids: string[] = [];
    for (const startsAt of starts) {
      ids.push(
        await trainingSession({
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
          timeZone: "Europe/Berlin",
        }),
      );
    }
    const feed = await newFeed(c("trainee"));
    const { text } = await readFeed(feedPath(feed.url));
    const parsed = parse(text);
    expect(
      parsed.calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    ).toEqual(["Europe/Berlin"]);
    const weekly = ids.map((id) => parsed.events.find((e) => e.uid === `training-session-${id}@trellis`));
    expect(weekly.map((e) => e?.event.startDate.toString().slice(11))).toEqual(Array(4).fill("10:00:00"));
    expect(weekly.map((e) => (e?.event.startDate.utcOffset() ?? 0) / 3600)).toEqual([1, 1, 2, 2]);
    expect(weekly.map((e) => e?.event.startDate.toJSDate().toISOString())).toEqual(starts);
    // The trainer reads the same sessions in New York, where the clocks changed two weeks earlier.
    const trainerFeed = parse((await readFeed(feedPath((await newFeed(c("trainer"))).url))).text);
    const ny = ids.map((id) => trainerFeed.events.find((e) => e.uid === `training-session-${id}@trellis`));
    expect(ny.map((e) => e?.event.startDate.toJSDate().toISOString())).toEqual(starts);
    expect(new Set(ny.map((e) => e?.event.startDate.hour))).toEqual(new Set([4, 5]));
  });

  it("holds only the caller's events, titles only: no names, emails, topics or notes", async () => {
    const mentee = parse((await readFeed(feedPath((await newFeed(c("mentee"))).url))).text);
    expect(mentee.events.map((e) => e.uid)).toEqual([`mentoring-meeting-${meetingId}@trellis`]);
    const coachee = await readFeed(feedPath((await newFeed(c("coachee"))).url));
    const coacheeEvents = parse(coachee.text).events;
    expect(coacheeEvents.length).toBeGreaterThanOrEqual(3);
    expect(coacheeEvents.every((e) => e.uid.startsWith("coaching-session-"))).toBe(true);
    expect(coacheeEvents.filter((e) => e.status === "CANCELLED")).toHaveLength(1);
    const trainee = parse((await readFeed(feedPath((await newFeed(c("trainee"))).url))).text);
    expect(trainee.events.every((e) => e.uid.startsWith("training-session-"))).toBe(true);
    const outsider = parse((await readFeed(feedPath((await newFeed(c("outsider"))).url))).text);
    expect(outsider.events).toEqual([]);
    for (const who of ["mentee", "mentor", "coach", "coachee", "trainee", "trainer"]) {
      const { text } = await readFeed(feedPath((await newFeed(c(who))).url));
      expect(text).not.toContain(CANARY);
      for (const p of Object.values(people)) {
        expect(text, who).not.toContain(p.email);
      }
      for (const name of [
        "Mira Mentor",
        "Otto Mentee",
        "Cleo Coach",
        "Carl Coachee",
        "Tim Trainee",
        "Clara",
      ]) {
        expect(text, who).not.toContain(name);
      }
    }
  });

  it("a cancelled engagement cancels its scheduled sessions in the feed, with a raised SEQUENCE", async () => {
    const when = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const sessionId = await coachingSession(when);
    const res = await c("sponsor").post(`/api/coaching/engagements/${engagementId}/cancel`, {
      reason: "Moved on",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const feed = parse((await readFeed(feedPath((await newFeed(c("coachee"))).url))).text);
    const e = feed.events.find((x) => x.uid === `coaching-session-${sessionId}@trellis`);
    expect(e?.status).toBe("CANCELLED");
    expect(e?.sequence).toBe(1);
    const single = await ics(c("coach"), `/api/coaching/sessions/${sessionId}/calendar.ics`);
    expect(single.method).toBe("CANCEL");
  });

  it("a reset link revokes the old one (404); turning it off revokes the new one", async () => {
    const first = await newFeed(c("mentor"));
    expect((await readFeed(feedPath(first.url))).res.status).toBe(200);
    const second = await newFeed(c("mentor"));
    const old = await readFeed(feedPath(first.url));
    expect(old.res.status).toBe(404);
    expect(JSON.parse(old.text).error.code).toBe("not_found");
    expect((await readFeed(feedPath(second.url))).res.status).toBe(200);
    expect((await c("mentor").delete("/api/me/calendar-feed")).status).toBe(204);
    expect((await readFeed(feedPath(second.url))).res.status).toBe(404);
    expect((await c("mentor").get("/api/me/calendar-feed")).body.active).toBe(false);
    const actions = await ctx.db
      .selectFrom("audit_event")
      .select("action")
      .where("actor_person_id", "=", people.mentor.id)
      .where("action", "like", "calendar.%")
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(["calendar.feed_created", "calendar.feed_reset", "calendar.feed_revoked"]),
    );
  });

  it("an unknown token is 404 and a malformed one 400", async () => {
    expect((await readFeed(`/calendar/${"A".repeat(43)}.ics`)).res.status).toBe(404);
    expect((await readFeed("/calendar/not a token.ics")).res.status).toBe(400);
  });

  it("stops with the person's account", async () => {
    const feed = await newFeed(c("classmate"));
    await ctx.db
      .updateTable("person")
      .set({ status: "deactivated" })
      .where("id", "=", people.classmate.id)
      .execute();
    expect((await readFeed(feedPath(feed.url))).res.status).toBe(404);
  });
});
