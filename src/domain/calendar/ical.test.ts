import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  coachingSessionCancelled,
  coachingSessionEvent,
  eventUid,
  mentoringMeetingEvent,
  trainingSessionEvent,
} from "./events.ts";
import { buildCalendar, type CalendarEvent, wallClock } from "./ical.ts";

const STAMP = "2027-01-10T08:30:00.000Z";

const build = (
  timeZone: string,
  events: CalendarEvent[],
  method: "REQUEST" | "CANCEL" | "PUBLISH" = "PUBLISH",
) => buildCalendar({ method, timeZone, vtimezone: getVtimezoneComponent, stamp: STAMP, events });

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar
    .getAllSubcomponents("vevent")
    .map((v) => ({ component: v, event: new ICAL.Event(v) }));
  return { calendar, events };
}

const weekly = (firstUtc: string, weeks: number, minutes = 60): CalendarEvent[] =>
  Array.from({ length: weeks }, (_, i) => {
    const start = new Date(Date.parse(firstUtc) + i * 7 * 86_400_000).toISOString();
    return {
      uid: `weekly-${i}@trellis`,
      sequence: 0,
      start,
      end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
      summary: "Coaching session",
      cancelled: false,
    };
  });

describe("times in the reader's zone", () => {
  it("a weekly 10:00 meeting in Berlin stays at 10:00 across the March change while its UTC offset moves", () => {
    // 28 March 2027 is the last Sunday of March: CET (+01:00) becomes CEST (+02:00).
    const events = [
      ...weekly("2027-03-16T09:00:00.000Z", 2),
      ...weekly("2027-03-30T08:00:00.000Z", 2).map((e, i) => ({ ...e, uid: `after-${i}@trellis` })),
    ];
    const { calendar, events: parsed } = parse(build("Europe/Berlin", events));
    const zones = calendar.getAllSubcomponents("vtimezone");
    expect(zones.map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Europe/Berlin"]);
    expect(parsed.map(({ event }) => [event.startDate.hour, event.startDate.minute])).toEqual([
      [10, 0],
      [10, 0],
      [10, 0],
      [10, 0],
    ]);
    expect(
      parsed.map(({ component }) => component.getFirstProperty("dtstart")?.getParameter("tzid")),
    ).toEqual(Array(4).fill("Europe/Berlin"));
    expect(parsed.map(({ event }) => event.startDate.utcOffset() / 3600)).toEqual([1, 1, 2, 2]);
    expect(parsed.map(({ event }) => event.startDate.toJSDate().toISOString())).toEqual(
      events.map((e) => e.start),
    );
    expect(parsed.map(({ event }) => event.endDate.toJSDate().toISOString())).toEqual(
      events.map((e) => e.end),
    );
  });

  it("and back across the October change", () => {
    // 31 October 2027: CEST becomes CET again.
    const events = [
      ...weekly("2027-10-26T08:00:00.000Z", 1),
      ...weekly("2027-11-02T09:00:00.000Z", 1).map((e) => ({ ...e, uid: "after@trellis" })),
    ];
    const { events: parsed } = parse(build("Europe/Berlin", events));
    expect(parsed.map(({ event }) => event.startDate.toString())).toEqual([
      "2027-10-26T10:00:00",
      "2027-11-02T10:00:00",
    ]);
    expect(parsed.map(({ event }) => event.startDate.utcOffset() / 3600)).toEqual([2, 1]);
  });

  it("a New York reader sees 09:00 across the November change, with America/New_York's own VTIMEZONE", () => {
    // 7 November 2027: EDT (-04:00) becomes EST (-05:00), a week after Europe changed.
    const events = [
      ...weekly("2027-10-31T13:00:00.000Z", 1),
      ...weekly("2027-11-07T14:00:00.000Z", 2).map((e, i) => ({ ...e, uid: `after-${i}@trellis` })),
    ];
    const text = build("America/New_York", events);
    const { calendar, events: parsed } = parse(text);
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(
      "America/New_York",
    );
    expect(text).toContain("DTSTART;TZID=America/New_York:20271031T090000");
    expect(text).toContain("DTSTART;TZID=America/New_York:20271107T090000");
    expect(parsed.map(({ event }) => event.startDate.utcOffset() / 3600)).toEqual([-4, -5, -5]);
    expect(parsed.map(({ event }) => event.startDate.toJSDate().toISOString())).toEqual(
      events.map((e) => e.start),
    );
  });

  it("the same instants read in Berlin move by an hour in the week only one side has changed", () => {
    // The US changes on 14 March 2027, Europe on 28 March.
    const events = weekly("2027-03-08T14:00:00.000Z", 4);
    const ny = parse(build("America/New_York", events)).events.map(({ event }) => event.startDate.hour);
    const berlin = parse(build("Europe/Berlin", events)).events.map(({ event }) => event.startDate.hour);
    expect(ny).toEqual([9, 10, 10, 10]);
    expect(berlin).toEqual([15, 15, 15, 16]);
  });

  it("DTSTAMP, CREATED and LAST-MODIFIED stay in UTC", () => {
    const [event] = weekly("2027-03-16T09:00:00.000Z", 1);
    if (!event) throw new Error("no event");
    const text = build("Europe/Berlin", [
      { ...event, created: "2027-01-01T12:00:00.000Z", lastModified: "2027-01-02T12:00:00.000Z" },
    ]);
    expect(text).toContain("DTSTAMP:20270110T083000Z");
    expect(text).toContain("CREATED:20270101T120000Z");
    expect(text).toContain("LAST-MODIFIED:20270102T120000Z");
  });

  it("a reader in UTC, or in a zone no VTIMEZONE is known for, gets UTC times and no VTIMEZONE", () => {
    for (const zone of ["UTC", "Etc/UTC", "Not/AZone"]) {
      const text = build(zone, weekly("2027-03-16T09:00:00.000Z", 1));
      expect(text).not.toContain("BEGIN:VTIMEZONE");
      expect(text).toContain("DTSTART:20270316T090000Z");
    }
  });

  it("wallClock reads the zone's fields", () => {
    expect(wallClock(new Date("2027-03-28T00:30:00Z"), "Europe/Berlin")).toEqual({
      year: 2027,
      month: 3,
      day: 28,
      hour: 1,
      minute: 30,
      second: 0,
    });
    expect(wallClock(new Date("2027-03-28T01:30:00Z"), "Europe/Berlin").hour).toBe(3);
  });
});

describe("invitations", () => {
  const mentor = { name: "Maya Mentor", email: "maya@example.test" };
  const mentee = { name: "Milo Mentee", email: "milo@example.test" };
  const coach = { name: "Cora Coach", email: "cora@example.test" };
  const coachee = { name: "Cole Coachee", email: "cole@example.test" };

  it("name the organizer and the attendees; the organizer chairs and has accepted", () => {
    const event = coachingSessionEvent(
      {
        id: "s1",
        engagementId: "e1",
        scheduledAt: "2027-03-16T09:00:00.000Z",
        durationMinutes: 45,
        attendance: "scheduled",
        engagementStatus: "active",
        sequence: 0,
        createdAt: STAMP,
        coach,
        coachee,
      },
      { kind: "invitation" },
      "https://trellis.example",
    );
    const text = build("Europe/Berlin", [event], "REQUEST");
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const [first] = events;
    if (!first) throw new Error("no event");
    expect(first.event.organizer).toBe("mailto:cora@example.test");
    expect(first.component.getFirstProperty("organizer")?.getParameter("cn")).toBe("Cora Coach");
    const attendees = first.event.attendees.map((a) => ({
      to: String(a.getFirstValue()).toLowerCase(),
      role: a.getParameter("role"),
      partstat: a.getParameter("partstat"),
    }));
    expect(attendees).toEqual([
      { to: "mailto:cora@example.test", role: "CHAIR", partstat: "ACCEPTED" },
      { to: "mailto:cole@example.test", role: "REQ-PARTICIPANT", partstat: "NEEDS-ACTION" },
    ]);
    expect(first.event.uid).toBe(eventUid("coaching-session", "s1"));
    expect(first.event.summary).toBe("Coaching session");
    expect(first.event.endDate.toJSDate().toISOString()).toBe("2027-03-16T09:45:00.000Z");
    expect(first.component.getFirstPropertyValue("url")).toBe(
      "https://trellis.example/coaching/engagements/e1",
    );
  });

  it("a cancelled event is STATUS:CANCELLED with its raised SEQUENCE", () => {
    const event: CalendarEvent = {
      ...weekly("2027-03-16T09:00:00.000Z", 1)[0],
      cancelled: true,
      sequence: 3,
    } as CalendarEvent;
    const { calendar, events } = parse(build("Europe/Berlin", [event], "CANCEL"));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(events[0]?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[0]?.event.sequence).toBe(3);
  });

  it("a logged mentoring meeting is a whole day, the same date in every zone", () => {
    const meeting = {
      id: "m1",
      relationshipId: "r1",
      metOn: "2027-03-28",
      sequence: 0,
      createdAt: STAMP,
      mentor,
      mentee,
    };
    for (const zone of ["Europe/Berlin", "America/New_York", "Pacific/Auckland"]) {
      const text = build(zone, [mentoringMeetingEvent(meeting, { kind: "invitation" }, "https://t.example")]);
      expect(text).toContain("DTSTART;VALUE=DATE:20270328");
      expect(text).toContain("DTEND;VALUE=DATE:20270329");
      const { events } = parse(text);
      expect(events[0]?.event.startDate.isDate).toBe(true);
      expect(events[0]?.event.organizer).toBe("mailto:maya@example.test");
    }
  });
});

describe("what each event says", () => {
  it("a rescheduled coaching session, and a scheduled one of a cancelled engagement, are cancelled", () => {
    expect(coachingSessionCancelled({ attendance: "rescheduled", engagementStatus: "active" })).toBe(true);
    expect(coachingSessionCancelled({ attendance: "scheduled", engagementStatus: "cancelled" })).toBe(true);
    expect(coachingSessionCancelled({ attendance: "scheduled", engagementStatus: "active" })).toBe(false);
    expect(coachingSessionCancelled({ attendance: "held", engagementStatus: "cancelled" })).toBe(false);
  });

  it("the feed names nobody; a training session is titled by its kind and course", () => {
    const facts = {
      id: "t1",
      cohortId: "c1",
      kind: "role_play" as const,
      courseTitle: "Giving Feedback Well",
      startsAt: "2027-03-16T09:00:00.000Z",
      endsAt: "2027-03-16T11:00:00.000Z",
      location: "Room 4",
      link: null,
      cancelled: false,
      cohortCancelled: true,
      sequence: 2,
      createdAt: STAMP,
      updatedAt: STAMP,
      trainers: [{ name: "Tess Trainer", email: "tess@example.test" }],
      trainees: [{ name: "Tom Trainee", email: "tom@example.test" }],
    };
    const feed = trainingSessionEvent(facts, { kind: "feed" }, "https://t.example");
    expect(feed.summary).toBe("Role-play: Giving Feedback Well");
    expect(feed.organizer).toBeUndefined();
    expect(feed.attendees).toBeUndefined();
    expect(feed.cancelled).toBe(true);
    expect(feed.location).toBe("Room 4");
    const text = build("Europe/Berlin", [feed]);
    expect(text).not.toContain("tess@example.test");
    expect(text).not.toContain("Tess Trainer");
    const invitation = trainingSessionEvent(facts, { kind: "invitation" }, "https://t.example");
    expect(invitation.organizer?.email).toBe("tess@example.test");
    expect(invitation.attendees?.map((a) => a.email)).toEqual(["tess@example.test", "tom@example.test"]);
  });
});
