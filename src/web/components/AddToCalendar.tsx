/**
 * Downloads one event as an .ics file in the viewer's time zone: an invitation, or for a cancelled event the
 * cancellation that removes it from a calendar it was added to. A plain link: the browser sends the session
 * cookie, and the file opens in whatever calendar app the device uses.
 */
export function AddToCalendarLink({
  href,
  what,
  cancelled = false,
}: {
  href: string;
  /** Names the event for screen readers, since every item in a list has such a link. */
  what: string;
  cancelled?: boolean;
}) {
  return (
    <a
      href={href}
      download
      className="inline-flex items-center gap-1 text-sm font-medium text-emerald-800 underline underline-offset-2 hover:text-emerald-950 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
    >
      {cancelled ? "Remove from calendar" : "Add to calendar"}
      <span className="sr-only"> ({what}, .ics file)</span>
    </a>
  );
}
