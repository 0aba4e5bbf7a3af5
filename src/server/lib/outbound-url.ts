import { lookup as dnsLookup } from "node:dns/promises";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { rootCertificates } from "node:tls";
import ipaddr from "ipaddr.js";
import type { AppConfig } from "../config.ts";
import { AppError } from "./errors.ts";

/**
 * The guard for every call Trellis makes to a URL an organization typed in (webhooks, the LRS): only
 * https, only public unicast addresses unless the configuration allowlists them, and the connection
 * goes to the very address that was checked, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot redirect it.
 */

export type OutboundConfig = Pick<AppConfig, "outboundAllowedHosts" | "outboundCaFile">;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface CheckedUrl {
  url: URL;
  /** The host name without IPv6 brackets, lower case. */
  hostname: string;
  addresses: ResolvedAddress[];
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const refuse = (code: string, message: string, details: unknown = null) =>
  new AppError(422, `outbound_url.${code}`, message, details);

interface Allowlist {
  names: Set<string>;
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

function parseAllowlist(entries: readonly string[]): Allowlist {
  const names = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, "");
    if (!entry) continue;
    if (entry.includes("/") && isCidr(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const ip = ipaddr.parse(entry);
      ranges.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
    } else names.add(entry);
  }
  return { names, ranges };
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/** The range name of an address Trellis must not call, or null for a public unicast address. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  const ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) return "ipv4Mapped";
  const range = ip.range();
  return range === "unicast" ? null : range;
}

function inAllowedRange(address: string, allow: Allowlist): boolean {
  const ip = ipaddr.parse(address);
  return allow.ranges.some(([net, bits]) => ip.kind() === net.kind() && ip.match(net, bits));
}

/**
 * Checks a URL and resolves its host. Throws a 422 AppError (`outbound_url.*`) when the URL is not
 * https (http only to allowlisted hosts), carries credentials, does not resolve, or resolves to any
 * address that is not public unicast and not allowlisted.
 */
export async function assertPublicUrl(
  raw: string,
  config: OutboundConfig,
  resolve: Resolver = systemResolver,
): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("invalid", "The URL is not valid.");
  }
  if (url.username || url.password)
    throw refuse("credentials", "The URL must not contain a user name or password.");
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw refuse("scheme", "The URL must start with https://.", { protocol: url.protocol });
  const hostname = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (!hostname) throw refuse("invalid", "The URL has no host.");
  const allow = parseAllowlist(config.outboundAllowedHosts);
  const nameAllowed = allow.names.has(hostname);

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(hostname) && (hostname.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(hostname))) {
    addresses = [{ address: hostname, family: hostname.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw refuse("unresolvable", `The host ${hostname} could not be resolved.`, { hostname });
    }
    if (addresses.length === 0)
      throw refuse("unresolvable", `The host ${hostname} could not be resolved.`, { hostname });
  }

  let allAllowlisted = nameAllowed;
  if (!nameAllowed) {
    allAllowlisted = true;
    for (const { address } of addresses) {
      const range = forbiddenRange(address);
      const listed = ipaddr.isValid(address) && inAllowedRange(address, allow);
      if (!listed) allAllowlisted = false;
      if (range && !listed)
        throw refuse(
          "forbidden_address",
          `The host ${hostname} resolves to ${address}, a ${range} address Trellis does not call.`,
          { hostname, address, range },
        );
    }
  }
  if (url.protocol === "http:" && !allAllowlisted)
    throw refuse("scheme", "The URL must start with https://.", { protocol: url.protocol });
  return { url, hostname, addresses };
}

/** A `lookup` for http(s) requests and agents that answers only the addresses checked before. */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === "object" && options ? options.family : undefined;
    const usable = addresses.filter((a) => !family || a.family === family);
    const list = usable.length > 0 ? usable : addresses;
    const first = list[0];
    if (!first) {
      callback(new Error("No checked address to connect to."), "", 4);
      return;
    }
    if (typeof options === "object" && options?.all) {
      (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, [...list]);
      return;
    }
    callback(null, first.address, first.family);
  };
}

let caCache: { file: string; pem: string } | null = null;

function extraCa(config: OutboundConfig): string | undefined {
  const file = config.outboundCaFile;
  if (!file) return undefined;
  if (caCache?.file !== file) caCache = { file, pem: readFileSync(file, "utf8") };
  return caCache.pem;
}

export interface OutboundRequest {
  method: "POST" | "PUT" | "GET";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** How much of the response body to keep. */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The start of the response body, at most `maxResponseBytes`. */
  body: string;
  durationMs: number;
}

export class OutboundError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "network",
    readonly durationMs: number,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

/**
 * Sends one request to a checked URL, connecting only to its checked addresses. Redirects are not
 * followed (a 3xx is returned as it is). Throws OutboundError on a network error or a timeout.
 */
export function sendOutbound(
  target: CheckedUrl,
  request: OutboundRequest,
  config: OutboundConfig,
): Promise<OutboundResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const maxBytes = request.maxResponseBytes ?? 4096;
  const isHttps = target.url.protocol === "https:";
  const options: https.RequestOptions = {
    method: request.method,
    headers: {
      ...request.headers,
      ...(request.body !== undefined ? { "content-length": String(Buffer.byteLength(request.body)) } : {}),
    },
    lookup: pinnedLookup(target.addresses),
    agent: false,
    timeout: request.timeoutMs,
  };
  const ca = isHttps ? extraCa(config) : undefined;
  if (ca) options.ca = [...rootCertificates, ca];
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string, kind: "timeout" | "network") => {
      if (settled) return;
      settled = true;
      reject(new OutboundError(message, kind, elapsed()));
    };
    const req = (isHttps ? https : http).request(target.url, options, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (chunk: Buffer) => {
        if (kept < maxBytes) {
          chunks.push(chunk.subarray(0, maxBytes - kept));
          kept += Math.min(chunk.length, maxBytes - kept);
        }
        if (kept >= maxBytes) res.destroy();
      });
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          durationMs: elapsed(),
        });
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    const deadline = setTimeout(() => {
      fail(`No answer within ${request.timeoutMs} ms.`, "timeout");
      req.destroy();
    }, request.timeoutMs);
    req.on("timeout", () => {
      fail(`No answer within ${request.timeoutMs} ms.`, "timeout");
      req.destroy();
    });
    req.on("error", (err) => {
      clearTimeout(deadline);
      fail(err.message, "network");
    });
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}
