import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface IdpUser {
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces the account that signs in with `login` (its `sub`). */
  setUser(login: string, user: IdpUser): void;
  /**
   * Follows an authorization URL through the provider's own login and consent forms as `login`, over real HTTP
   * with a cookie jar, and returns the URL the provider finally redirects to (the relying party's callback).
   */
  authorize(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a free loopback port, with one confidential client
 * (client_secret_basic, authorization code) and its development login and consent pages: any login with any
 * password signs in, and the account's claims come from `setUser`.
 */
export async function startIdentityProvider(options: {
  redirectUris: string[];
  /** Put the email claims in the ID token too, as Entra ID and Keycloak do; otherwise only the userinfo has them. */
  emailInIdToken?: boolean;
}): Promise<TestIdentityProvider> {
  const users = new Map<string, IdpUser>();
  const clientId = "trellis-test";
  const clientSecret = "a-test-client-secret-of-enough-length";
  let handle: ReturnType<Provider["callback"]> | null = null;
  const server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    findAccount: async (_ctx, sub) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: user.emailVerified,
          name: user.name ?? user.email,
        }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["trellis-test-idp-cookie-key"] },
    conformIdTokenClaims: !options.emailInIdToken,
    ttl: {
      Session: 600,
      Grant: 600,
      Interaction: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  });
  // The provider logs every failed request on the console, which only clutters the test output.
  provider.on("server_error", () => {});
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    setUser: (login, user) => users.set(login, user),
    authorize: (authorizationUrl, login) => followInteractions(issuer, authorizationUrl, login),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function followInteractions(issuer: string, authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: URL, form?: Record<string, string>) => {
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  let url = new URL(authorizationUrl);
  let res = await send(url);
  for (let step = 0; step < 12; step++) {
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== new URL(issuer).origin) return next.href;
      url = next;
      res = await send(url);
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt) {
      throw new Error(`The identity provider answered ${res.status}: ${html.slice(0, 500)}`);
    }
    url = new URL(action.replaceAll("&amp;", "&"), url);
    res = await send(url, prompt === "login" ? { prompt, login, password: "any" } : { prompt });
  }
  throw new Error("The identity provider did not redirect back after 12 steps.");
}
