import XAPI, { type Statement } from "@xapi/xapi";
import { AppError } from "../../lib/errors.ts";
import { assertPublicUrl, type OutboundConfig, OutboundError, sendOutbound } from "../../lib/outbound-url.ts";
import { XAPI_VERSION } from "./statements.ts";

export const LRS_TIMEOUT_MS = 10_000;

type AdapterFunction = Exclude<NonNullable<ConstructorParameters<typeof XAPI>[0]["adapter"]>, string>;

export interface LrsTarget {
  endpoint: string;
  key: string;
  secret: string;
}

export type LrsOutcome =
  | { ok: true; status: number; message: string }
  | { ok: false; status: number | null; message: string; retryable: boolean; retryAfterMs?: number };

const SEND_METHODS = new Set(["GET", "POST", "PUT"]);

/**
 * @xapi/xapi builds the requests (version header, Basic auth, the statements resource); this adapter sends
 * them through the outbound guard, which checks the URL and connects only to the addresses it checked. Every
 * answer comes back as it is, so the caller reads the status.
 */
function guardedAdapter(config: OutboundConfig, timeoutMs: number): AdapterFunction {
  const adapter = async ({
    url,
    method,
    headers,
    data,
  }: {
    url: string;
    method: string;
    headers?: Record<string, unknown>;
    data?: unknown;
  }) => {
    const verb = method.toUpperCase();
    if (!SEND_METHODS.has(verb)) throw new Error(`Trellis does not send ${verb} requests to an LRS.`);
    const target = await assertPublicUrl(url, config);
    const res = await sendOutbound(
      target,
      {
        method: verb as "GET" | "POST" | "PUT",
        headers: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)])),
        ...(data === undefined ? {} : { body: typeof data === "string" ? data : JSON.stringify(data) }),
        timeoutMs,
        maxResponseBytes: 8192,
      },
      config,
    );
    return { status: res.status, headers: res.headers as Record<string, unknown>, data: res.body };
  };
  return adapter as AdapterFunction;
}

function client(target: LrsTarget, config: OutboundConfig, timeoutMs: number) {
  return new XAPI({
    endpoint: target.endpoint,
    auth: XAPI.toBasicAuth(target.key, target.secret),
    version: XAPI_VERSION,
    adapter: guardedAdapter(config, timeoutMs),
  });
}

/** The first line of an LRS's answer, for the statement log: enough to act on, never the whole body. */
function excerpt(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
  let message = text;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && "message" in parsed) message = String(parsed.message);
  } catch {
    // not JSON: the text itself
  }
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
  const raw = headers["retry-after"];
  if (typeof raw !== "string") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 6 * 3600) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function failure(err: unknown): LrsOutcome {
  if (err instanceof AppError)
    return { ok: false, status: null, message: err.message, retryable: err.code !== "outbound_url.invalid" };
  if (err instanceof OutboundError)
    return {
      ok: false,
      status: null,
      message:
        err.kind === "timeout"
          ? `The LRS did not answer within ${LRS_TIMEOUT_MS / 1000} s.`
          : `Could not reach the LRS: ${err.message}`,
      retryable: true,
    };
  return {
    ok: false,
    status: null,
    message: err instanceof Error ? err.message : String(err),
    retryable: true,
  };
}

/** What an LRS's status means for a statement Trellis sent. */
export function outcomeOf(status: number, body: unknown, headers: Record<string, unknown>): LrsOutcome {
  if (status >= 200 && status < 300) return { ok: true, status, message: "Stored by the LRS." };
  if (status === 409) return { ok: true, status, message: "The LRS already holds a statement with this id." };
  const said = excerpt(body);
  const detail = said ? `: ${said}` : ".";
  if (status === 400 || status === 413)
    return {
      ok: false,
      status,
      message: `The LRS refused the statement (${status})${detail}`,
      retryable: false,
    };
  if (status === 401 || status === 403)
    return {
      ok: false,
      status,
      message: `The LRS refused the key and secret (${status}). Check them in the settings.`,
      retryable: true,
    };
  if (status >= 300 && status < 400)
    return {
      ok: false,
      status,
      message: `The LRS answered with a redirect (${status}), which Trellis does not follow. Check the endpoint.`,
      retryable: true,
    };
  const after = retryAfterMs(headers);
  return {
    ok: false,
    status,
    message: `The LRS answered ${status}${detail}`,
    retryable: true,
    ...(after !== undefined ? { retryAfterMs: after } : {}),
  };
}

export async function sendStatement(
  target: LrsTarget,
  statement: Statement,
  config: OutboundConfig,
  timeoutMs = LRS_TIMEOUT_MS,
): Promise<LrsOutcome> {
  try {
    const res = await client(target, config, timeoutMs).sendStatement({ statement });
    return outcomeOf(res.status, res.data, res.headers);
  } catch (err) {
    return failure(err);
  }
}

/** Asks the LRS which xAPI versions it speaks; an LRS without 1.0.3 (or 1.0.x) cannot take our statements. */
export async function checkAbout(
  target: LrsTarget,
  config: OutboundConfig,
  timeoutMs = LRS_TIMEOUT_MS,
): Promise<LrsOutcome> {
  try {
    const res = await client(target, config, timeoutMs).getAbout();
    if (res.status !== 200) return outcomeOf(res.status, res.data, res.headers);
    let versions: unknown = null;
    try {
      versions = (JSON.parse(String(res.data)) as { version?: unknown }).version;
    } catch {
      versions = null;
    }
    if (!Array.isArray(versions) || !versions.some((v) => typeof v === "string" && v.startsWith("1.0.")))
      return {
        ok: false,
        status: res.status,
        message: "The endpoint answered, but not as an xAPI 1.0 LRS (its /about lists no 1.0.x version).",
        retryable: false,
      };
    return { ok: true, status: res.status, message: `The LRS speaks xAPI ${versions.join(", ")}.` };
  } catch (err) {
    return failure(err);
  }
}
