import { inflateSync } from "node:zlib";

/**
 * The text a PDF draws, one line per text-showing operator: each content stream is inflated when it is
 * compressed, and the hex strings of each TJ array (what pdfkit writes for the standard fonts) are decoded
 * and joined. Good enough to check what a generated document says; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const lines: string[] = [];
  const streamStart = /stream\r?\n/g;
  for (let m = streamStart.exec(raw); m; m = streamStart.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString("latin1");
    } catch {
      content = bytes.toString("latin1");
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      lines.push(
        [...(tj[1] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => Buffer.from(h[1] ?? "", "hex").toString("latin1"))
          .join(""),
      );
    }
    streamStart.lastIndex = end + "endstream".length;
  }
  return lines.join("\n");
}
