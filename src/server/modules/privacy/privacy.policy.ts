import type { PersonTable } from "../../db/schema.ts";
import type { Actor } from "../../lib/context.ts";
import { type AppError, errors } from "../../lib/errors.ts";

/**
 * Why an org admin may not erase this person, or null when they may. The admin types the person's email to
 * confirm; nobody erases themselves (another admin does it, so a slip cannot lock an organization out), and the
 * organization keeps at least one active admin.
 */
export function checkErasure(
  actor: Actor,
  person: Pick<PersonTable, "id" | "email" | "org_role" | "status">,
  confirmEmail: string,
  otherActiveAdmins: number,
): AppError | null {
  if (person.id === actor.personId)
    return errors.unprocessable(
      "privacy.cannot_erase_self",
      "You cannot erase yourself. Ask another org admin to do it.",
    );
  if (confirmEmail.trim().toLowerCase() !== person.email.toLowerCase())
    return errors.unprocessable(
      "privacy.confirmation_mismatch",
      "Type the person's email exactly to confirm the erasure.",
      { field: "confirmEmail" },
    );
  if (person.org_role === "org_admin" && person.status === "active" && otherActiveAdmins === 0)
    return errors.conflict(
      "privacy.last_org_admin",
      "This is the organization's only active admin. Make someone else an admin first.",
    );
  return null;
}

export const EXPORT_ACCESS = "The signed-in person's own data only.";
export const ERASE_ACCESS =
  "Org admins erase people of their own organization (an id from another organization answers 404), never themselves nor the last active org admin.";
