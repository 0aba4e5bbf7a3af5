import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** Browser tests run against the production build of the SPA; rebuild it when sources are newer. */
export default async function setup() {
  const index = join(ROOT, "dist/web/index.html");
  const sources = [join(ROOT, "src/web"), join(ROOT, "index.html"), join(ROOT, "vite.config.ts")];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  const { build } = await import("vite");
  await build({ root: ROOT, logLevel: "warn", configFile: join(ROOT, "vite.config.ts") });
}
