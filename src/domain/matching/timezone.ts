/** Minutes east of UTC for an IANA time zone at a given instant (DST-aware). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/** The smaller way round the clock between two zones, in hours (0–12). */
export function timeZoneGapHours(a: string, b: string, at: Date): number {
  const diff = Math.abs(utcOffsetMinutes(a, at) - utcOffsetMinutes(b, at)) / 60;
  return Math.min(diff, 24 - diff);
}
