import { createCipheriv, createHash } from "node:crypto";

/** sfc32, seeded through splitmix32: small, fast and the same sequence on every platform. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    let s = typeof seed === "number" ? seed >>> 0 : hashSeed(seed);
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** [min, max] */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + this.int(copy.length - i);
      const t = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = t;
    }
    return copy.slice(0, n);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.uint32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

function hashSeed(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32LE(0);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * UUIDv7 text, as `newId()` makes, but reproducible: the timestamp counts up one millisecond per id from
 * `startMs` (so ids sort in the order rows were made) and the random bits come from the seeded generator.
 */
export class IdFactory {
  #ms: number;

  constructor(
    private readonly random: Random,
    startMs: number,
  ) {
    this.#ms = startMs;
  }

  next(): string {
    const ms = this.#ms++;
    const hi = Math.floor(ms / 0x100000000);
    const lo = ms >>> 0;
    const r1 = this.random.uint32();
    const r2 = this.random.uint32();
    const r3 = this.random.uint32();
    const b = (i: number) => HEX[i & 0xff] as string;
    return (
      b(hi >>> 8) +
      b(hi) +
      b(lo >>> 24) +
      b(lo >>> 16) +
      "-" +
      b(lo >>> 8) +
      b(lo) +
      "-" +
      b(0x70 | ((r1 >>> 8) & 0x0f)) +
      b(r1) +
      "-" +
      b(0x80 | ((r1 >>> 16) & 0x3f)) +
      b(r1 >>> 24) +
      "-" +
      b(r2) +
      b(r2 >>> 8) +
      b(r2 >>> 16) +
      b(r2 >>> 24) +
      b(r3) +
      b(r3 >>> 8)
    );
  }
}

/**
 * The app's `encryptText` (AES-256-GCM, `v1.` + base64url(iv ‖ tag ‖ ciphertext), bound to `aad`), with the
 * IV drawn from the seeded generator so that the same seed writes the same bytes.
 */
export function sealWith(random: Random, key: Buffer, plaintext: string, aad: string): string {
  const iv = random.bytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The app's `wrapKey`, reproducible. */
export const wrapWith = (random: Random, master: Buffer, dataKey: Buffer, aad: string): string =>
  sealWith(random, master, dataKey.toString("base64"), aad);

/** A 32-byte secret derived from the seed: for a benchmark database only, never for real data. */
export const derivedSecret = (seed: string, purpose: string): Buffer =>
  createHash("sha256").update(`trellis-bench:${purpose}:${seed}`).digest();
