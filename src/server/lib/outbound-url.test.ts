import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { assertPublicUrl, pinnedLookup, type Resolver } from "./outbound-url.ts";

const config = (allowed: string[] = []) => ({ outboundAllowedHosts: allowed, outboundCaFile: undefined });
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }) as const);

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${err.code}`;
    throw err;
  }
}

describe("assertPublicUrl", () => {
  it.each([
    ["https://127.0.0.1/hook"],
    ["https://10.1.2.3/hook"],
    ["https://172.16.0.1/hook"],
    ["https://172.31.255.255/hook"],
    ["https://192.168.1.1/hook"],
    ["https://169.254.169.254/latest/meta-data"],
    ["https://100.64.0.1/hook"],
    ["https://0.0.0.0/hook"],
    ["https://224.0.0.1/hook"],
    ["https://255.255.255.255/hook"],
    ["https://[::1]/hook"],
    ["https://[::]/hook"],
    ["https://[fc00::1]/hook"],
    ["https://[fd12:3456::1]/hook"],
    ["https://[fe80::1]/hook"],
    ["https://[ff02::1]/hook"],
    ["https://[::ffff:127.0.0.1]/hook"],
    ["https://[::ffff:8.8.8.8]/hook"],
    ["https://2130706433/hook"],
    ["https://0x7f000001/hook"],
    ["https://017700000001/hook"],
    ["https://127.1/hook"],
  ])("refuses %s", async (url) => {
    expect(await codeOf(assertPublicUrl(url, config(), resolvesTo("93.184.216.34")))).toBe(
      "422 outbound_url.forbidden_address",
    );
  });

  it("refuses a name that resolves to loopback, or to any private address among public ones", async () => {
    expect(await codeOf(assertPublicUrl("https://localhost/x", config()))).toBe(
      "422 outbound_url.forbidden_address",
    );
    expect(
      await codeOf(
        assertPublicUrl("https://example.test/x", config(), resolvesTo("93.184.216.34", "10.0.0.5")),
      ),
    ).toBe("422 outbound_url.forbidden_address");
  });

  it("accepts a public https URL and keeps the resolved addresses", async () => {
    const checked = await assertPublicUrl(
      "https://hooks.example.com/in",
      config(),
      resolvesTo("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
    );
    expect(checked.addresses.map((a) => a.address)).toEqual([
      "93.184.216.34",
      "2606:2800:220:1:248:1893:25c8:1946",
    ]);
  });

  it("wants https, no credentials, a resolvable host", async () => {
    const pub = resolvesTo("93.184.216.34");
    expect(await codeOf(assertPublicUrl("http://hooks.example.com/", config(), pub))).toBe(
      "422 outbound_url.scheme",
    );
    expect(await codeOf(assertPublicUrl("ftp://hooks.example.com/", config(), pub))).toBe(
      "422 outbound_url.scheme",
    );
    expect(await codeOf(assertPublicUrl("https://a:b@hooks.example.com/", config(), pub))).toBe(
      "422 outbound_url.credentials",
    );
    expect(await codeOf(assertPublicUrl("not a url", config(), pub))).toBe("422 outbound_url.invalid");
    const failing: Resolver = async () => {
      throw new Error("ENOTFOUND");
    };
    expect(await codeOf(assertPublicUrl("https://nowhere.invalid/", config(), failing))).toBe(
      "422 outbound_url.unresolvable",
    );
  });

  it("lets the allowlist open hosts, addresses and ranges, and http only to them", async () => {
    expect(await codeOf(assertPublicUrl("http://localhost:8080/", config(["localhost"])))).toBeNull();
    expect(await codeOf(assertPublicUrl("http://127.0.0.1:8080/", config(["127.0.0.1"])))).toBeNull();
    expect(
      await codeOf(assertPublicUrl("https://svc.internal/", config(["10.0.0.0/8"]), resolvesTo("10.2.3.4"))),
    ).toBeNull();
    expect(
      await codeOf(
        assertPublicUrl(
          "https://svc.internal/",
          config(["10.0.0.0/8"]),
          resolvesTo("10.2.3.4", "192.168.0.1"),
        ),
      ),
    ).toBe("422 outbound_url.forbidden_address");
    expect(await codeOf(assertPublicUrl("https://127.0.0.2/", config(["127.0.0.1"])))).toBe(
      "422 outbound_url.forbidden_address",
    );
  });
});

describe("pinnedLookup", () => {
  it("answers only the checked addresses, whatever name is asked", async () => {
    const lookup = pinnedLookup([{ address: "93.184.216.34", family: 4 }]);
    const answer = await new Promise((resolve) =>
      lookup("evil.example", {}, (err, address, family) => resolve({ err, address, family })),
    );
    expect(answer).toEqual({ err: null, address: "93.184.216.34", family: 4 });
    const all = await new Promise((resolve) =>
      lookup("evil.example", { all: true }, (err, addresses) => resolve({ err, addresses })),
    );
    expect(all).toEqual({ err: null, addresses: [{ address: "93.184.216.34", family: 4 }] });
  });
});
