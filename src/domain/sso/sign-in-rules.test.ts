import { describe, expect, it } from "vitest";
import {
  domainAllowed,
  emailDomain,
  issuerProblem,
  normalizeDomains,
  verifiedEmail,
} from "./sign-in-rules.ts";

describe("single sign-on rules", () => {
  it("finds an email's domain", () => {
    expect(emailDomain("Ada@Example.COM")).toBe("example.com");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("@example.com")).toBeNull();
    expect(emailDomain("ada@")).toBeNull();
  });
  it("allows every domain with an empty list, else only the listed ones", () => {
    expect(domainAllowed("ada@anything.test", [])).toBe(true);
    expect(domainAllowed("ada@example.com", ["example.com"])).toBe(true);
    expect(domainAllowed("ada@evil-example.com", ["example.com"])).toBe(false);
    expect(domainAllowed("ada@sub.example.com", ["example.com"])).toBe(false);
  });
  it("accepts http(s) issuer URLs without query, fragment or credentials", () => {
    expect(issuerProblem("https://login.example.com/realms/acme")).toBeNull();
    expect(issuerProblem("http://127.0.0.1:8080")).toBeNull();
    expect(issuerProblem("https://login.example.com/?a=1")).toMatch(/query/);
    expect(issuerProblem("https://user:pw@login.example.com")).toMatch(/user name/);
    expect(issuerProblem("not a url")).toMatch(/full URL/);
    expect(issuerProblem("ftp://login.example.com")).toMatch(/https/);
  });
  it("normalizes domain lists", () =>
    expect(normalizeDomains([" Example.com", "@example.com", "b.test", ""])).toEqual([
      "b.test",
      "example.com",
    ]));
  it("trusts only a verified email", () => {
    expect(verifiedEmail({ email: "Ada@Example.com", email_verified: true })).toEqual({
      email: "ada@example.com",
      verified: true,
    });
    expect(verifiedEmail({ email: "ada@example.com", email_verified: "true" }).verified).toBe(true);
    expect(verifiedEmail({ email: "ada@example.com", email_verified: false }).verified).toBe(false);
    expect(verifiedEmail({ email: "ada@example.com" }).verified).toBe(false);
    expect(verifiedEmail({ email: 42, email_verified: true }).email).toBeNull();
  });
});
