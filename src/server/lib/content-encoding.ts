import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type ContentEncoding = "br" | "gzip";

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * The encoding to answer in, from an Accept-Encoding header: the one with the highest weight among those
 * we produce, Brotli on a tie; null when neither is accepted (absent, or `q=0`).
 */
export function preferredEncoding(accept: string | undefined | null): ContentEncoding | null {
  if (!accept) return null;
  let best: ContentEncoding | null = null;
  let bestWeight = 0;
  for (const part of accept.split(",")) {
    const [name = "", ...params] = part.split(";");
    const coding = name.trim().toLowerCase();
    if (coding !== "br" && coding !== "gzip") continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (!(weight > 0)) continue;
    if (weight > bestWeight || (weight === bestWeight && coding === "br")) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Brotli at quality 5: close to its best ratio on JSON at a small part of the time of quality 11. */
const BROTLI_QUALITY = 5;

export function compressBody(body: Uint8Array, encoding: ContentEncoding): Uint8Array<ArrayBuffer> {
  const out =
    encoding === "br"
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : gzipSync(body);
  return new Uint8Array(out);
}
