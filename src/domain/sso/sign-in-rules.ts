/** The part after the last `@`, lower-cased; null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/** An empty allow-list allows every domain; otherwise the email's domain must be on it exactly. */
export function domainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.includes(domain);
}

/**
 * An issuer is an http(s) URL without query, fragment or credentials (OpenID Connect Discovery §3). Whether
 * plain http may be used is the outbound guard's call: only for hosts the configuration allowlists.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer as a full URL, e.g. https://login.example.com.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "The issuer URL must start with https://.";
  if (url.search || url.hash) return "The issuer URL has no query string or fragment.";
  if (url.username || url.password) return "The issuer URL may not hold a user name or password.";
  return null;
}

/** Trims, lower-cases, drops a leading `@` and duplicates, and sorts, so that stored lists compare equal. */
export function normalizeDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))].sort();
}

/**
 * The email an identity provider vouches for. An unverified email must not identify a person (OpenID Connect
 * Core §5.7), so only `email_verified: true`, or the string "true" that some providers send, counts as verified.
 */
export function verifiedEmail(claims: { email?: unknown; email_verified?: unknown }): {
  email: string | null;
  verified: boolean;
} {
  const email = typeof claims.email === "string" && claims.email.includes("@") ? claims.email.trim() : null;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return { email: email ? email.toLowerCase() : null, verified };
}
