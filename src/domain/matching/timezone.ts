const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Minutes east of UTC for an IANA time zone at a given instant (DST-aware). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  // Building a formatter costs far more than scoring a pair, and a match scores every pair at one instant.
  const key = `${timeZone}@${at.getTime()}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formatters.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  const minutes = m ? Number(m[2]) * 60 + Number(m[3] ?? 0) : 0;
  const offset = m?.[1] === "-" ? -minutes : minutes;
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The smaller way round the clock between two zones, in hours (0–12). */
export function timeZoneGapHours(a: string, b: string, at: Date): number {
  const diff = Math.abs(utcOffsetMinutes(a, at) - utcOffsetMinutes(b, at)) / 60;
  return Math.min(diff, 24 - diff);
}
