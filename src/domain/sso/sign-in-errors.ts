/**
 * Why a single sign-on attempt ended back on the sign-in page. The callback redirects with the code only
 * (`/sign-in?sso_error=<code>`), so that nobody can put their own words on Trellis's sign-in page.
 */
export const SSO_ERROR_MESSAGES = {
  not_configured:
    "Single sign-on is not set up for that email address. Sign in with your password, or ask your organization's admin.",
  disabled: "Single sign-on is switched off for your organization. Sign in with your password.",
  expired: "The sign-in took too long or was started in another browser. Please try again.",
  state_mismatch: "This sign-in could not be matched to the one started in this browser. Please start again.",
  denied: "Your identity provider did not sign you in.",
  failed:
    "Your identity provider's answer could not be verified. Try again, or ask your admin to check the single sign-on settings.",
  no_email:
    "Your identity provider did not share your email address. Ask your admin to allow the email scope.",
  email_unverified:
    "Your identity provider has not verified your email address, so it cannot be used to sign in to Trellis.",
  domain_not_allowed: "Your email domain is not allowed to sign in to this organization with single sign-on.",
  no_account:
    "There is no Trellis account for your email in this organization. Ask your admin to invite you.",
  deactivated: "This account is not active. Ask your organization's admin.",
  linked_elsewhere:
    "Your Trellis account is already linked to another identity at your provider. Ask your organization's admin.",
  email_in_use:
    "Your email already belongs to a Trellis account in another organization. Sign in with your password.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES;

export const isSsoErrorCode = (code: string | null): code is SsoErrorCode =>
  code !== null && Object.hasOwn(SSO_ERROR_MESSAGES, code);
