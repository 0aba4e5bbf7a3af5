import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
  type ICalLuxonDateTimeStub,
} from "ical-generator";

export interface CalendarPerson {
  name: string;
  email: string;
}

/** One event, with times as stored (UTC ISO), or a whole day (`YYYY-MM-DD`) when `allDay`. */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  allDay?: boolean;
  summary: string;
  cancelled: boolean;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  organizer?: CalendarPerson | null;
  /** The organizer is listed among them too, as the chair who has accepted. */
  attendees?: readonly CalendarPerson[];
  created?: string | null;
  lastModified?: string | null;
}

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export interface CalendarOptions {
  method: CalendarMethod;
  /** The reader's IANA time zone; times are written in it, with its VTIMEZONE. */
  timeZone: string;
  /** Returns the VTIMEZONE component of a zone, or null when it knows none. */
  vtimezone: (zone: string) => string | null;
  /** DTSTAMP: when this file was made (UTC ISO). */
  stamp: string;
  name?: string;
  description?: string;
  /** How often a subscribed client should fetch the feed again. */
  refreshSeconds?: number;
  events: readonly CalendarEvent[];
}

export const PRODUCT_ID = { company: "Trellis", product: "Trellis", language: "EN" } as const;

const METHODS: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

const UTC_NAMES = new Set(["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"]);

/** The zone the file is written in: the reader's when it is a real zone with a known VTIMEZONE, else UTC (null). */
export function writtenZone(zone: string, vtimezone: (zone: string) => string | null): string | null {
  if (UTC_NAMES.has(zone)) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return null;
  }
  return vtimezone(zone) ? zone : null;
}

const two = (n: number) => String(n).padStart(2, "0");

/** The wall-clock fields of an instant in a zone (null: UTC). */
export function wallClock(instant: Date, zone: string | null) {
  if (!zone) {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
    };
  }
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/**
 * ical-generator writes a plain Date with a TZID in the server process's own zone, so instants are handed to
 * it as this small Luxon-shaped value, which formats the wall clock of the zone it is set to.
 */
export function zoned(instant: Date, zone: string | null): ICalLuxonDateTimeStub {
  return {
    isValid: !Number.isNaN(instant.getTime()),
    zone: { type: zone ? "iana" : "fixed" },
    setZone: (next?: string) => zoned(instant, next && !UTC_NAMES.has(next) && next !== "utc" ? next : null),
    toFormat(fmt: string) {
      const w = wallClock(instant, zone);
      if (fmt === "yyyyLLdd") return `${String(w.year).padStart(4, "0")}${two(w.month)}${two(w.day)}`;
      if (fmt === "HHmmss") return `${two(w.hour)}${two(w.minute)}${two(w.second)}`;
      throw new Error(`Unsupported date format ${fmt}`);
    },
    toJSDate: () => new Date(instant.getTime()),
    toJSON: () => instant.toISOString(),
  };
}

const dayAfter = (isoDate: string) =>
  new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function eventData(e: CalendarEvent, zone: string | null): ICalEventData {
  const attendees = (e.attendees ?? []).map((a) => {
    const isOrganizer = e.organizer !== null && e.organizer?.email.toLowerCase() === a.email.toLowerCase();
    return {
      name: a.name,
      email: a.email,
      role: isOrganizer ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      status: isOrganizer ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.NEEDSACTION,
      // Trellis reads no replies; the calendar clients keep the answer to themselves.
      rsvp: false,
    };
  });
  const common = {
    id: e.uid,
    sequence: e.sequence,
    summary: e.summary,
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    description: e.description ?? null,
    location: e.location ?? null,
    url: e.url ?? null,
    organizer: e.organizer ? { name: e.organizer.name, email: e.organizer.email } : null,
    attendees,
    ...(e.created ? { created: new Date(e.created) } : {}),
    ...(e.lastModified ? { lastModified: new Date(e.lastModified) } : {}),
  };
  if (e.allDay) {
    // A whole day is the same date wherever the reader is: floating dates, the end exclusive.
    return {
      ...common,
      allDay: true,
      start: new Date(`${e.start.slice(0, 10)}T00:00:00Z`),
      end: new Date(`${dayAfter(e.end)}T00:00:00Z`),
    };
  }
  return {
    ...common,
    start: zoned(new Date(e.start), zone),
    end: zoned(new Date(e.end), zone),
    ...(zone ? { timezone: zone } : {}),
  };
}

/** An iCalendar (RFC 5545) file of the events, written in the reader's time zone with its VTIMEZONE. */
export function buildCalendar(options: CalendarOptions): string {
  const zone = writtenZone(options.timeZone, options.vtimezone);
  const cal = ical({
    prodId: PRODUCT_ID,
    method: METHODS[options.method],
    // No calendar-wide zone name: DTSTAMP, CREATED and LAST-MODIFIED stay in UTC as RFC 5545 requires, and
    // each event names its zone; the generator still writes the VTIMEZONE of every zone the events use.
    timezone: { name: null, generator: (tz: string) => options.vtimezone(tz) },
    ...(options.name ? { name: options.name } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
  });
  const stamp = new Date(options.stamp);
  for (const e of options.events) cal.createEvent({ ...eventData(e, zone), stamp });
  return cal.toString();
}
