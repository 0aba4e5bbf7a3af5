import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const WEB_DIST = join(ROOT, "dist/web");

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds the SPA with Vite when the build is missing or older than its sources. Returns whether it built. */
export async function ensureWebBuild(onBuild?: () => void): Promise<boolean> {
  const built = join(WEB_DIST, "index.html");
  const sources = [
    join(ROOT, "src/web"),
    join(ROOT, "index.html"),
    join(ROOT, "vite.config.ts"),
    join(ROOT, "public"),
  ];
  const sourceTime = Math.max(...sources.filter(existsSync).map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return false;
  onBuild?.();
  const { build } = await import("vite");
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: ROOT,
      mode: "production",
      logLevel: "warn",
      configFile: join(ROOT, "vite.config.ts"),
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return true;
}
