import { describe, expect, it } from "vitest";
import { preferredEncoding } from "./content-encoding.ts";

describe("preferredEncoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["deflate", null],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0.8, gzip;q=0.8", "br"],
    ["br; q=0, gzip; q=0", null],
    ["gzip;q=0, br", "br"],
    ["*", null],
  ])("%j → %j", (accept, expected) => {
    expect(preferredEncoding(accept)).toBe(expected);
  });
});
