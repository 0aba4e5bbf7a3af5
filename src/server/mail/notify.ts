import type { Deps } from "../lib/context.ts";
import { findPerson } from "../modules/people/people.repository.ts";
import { actionMail } from "./mailer.ts";

/**
 * Emails one person a short notice with a link into Trellis. Notices never carry confidential content;
 * a failed send is logged, not raised, so the action that caused it still stands.
 */
export async function notifyPerson(
  deps: Deps,
  organizationId: string,
  personId: string,
  notice: { subject: string; intro: string; path: string },
): Promise<void> {
  const person = await findPerson(deps.db, organizationId, personId);
  if (!person || person.status !== "active") return;
  try {
    await deps.mailer.send(
      actionMail(
        person.email,
        notice.subject,
        notice.intro,
        "Open Trellis",
        `${deps.config.publicUrl}${notice.path}`,
      ),
    );
  } catch (err) {
    console.error(
      `Could not send "${notice.subject}" to ${person.email}:`,
      err instanceof Error ? err.message : err,
    );
  }
}
