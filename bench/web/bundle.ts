import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import ts from "typescript";

export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

/** A route of the SPA and the lazy modules (layouts, then the page) a first load of it imports. */
export type RouteModules = { route: string; modules: string[] };

export type RouteSize = {
  route: string;
  gzipKb: number;
  rawKb: number;
  /** Loaded after the page renders (its own dynamic imports, e.g. a chart panel), not counted in gzipKb. */
  deferredGzipKb: number;
  chunks: string[];
};

/** Vite builds the SPA with a manifest into `outDir` (the directory the server serves). */
export async function buildWeb(root: string, outDir: string): Promise<Manifest> {
  const { build } = await import("vite");
  // The server is started with NODE_ENV=production too; a different value would bundle React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root,
      mode: "production",
      logLevel: "warn",
      configFile: join(root, "vite.config.ts"),
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
}

function stringProp(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      if (p.name.text === name) return p.initializer;
    }
  }
  return undefined;
}

function importedPath(node: ts.Node): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteral(arg)) found = arg.text;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * Reads the route tree of `src/web/router.tsx` (the array passed to `createBrowserRouter`) and lists every
 * route with a page, with the modules its `lazy` properties import, layouts first. Paths are manifest keys.
 */
export function readRoutes(root: string, routerFile = "src/web/router.tsx"): RouteModules[] {
  const file = join(root, routerFile);
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  let tree: ts.ArrayLiteralExpression | undefined;
  const find = (n: ts.Node) => {
    if (tree) return;
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === "createBrowserRouter"
    ) {
      const arg = n.arguments[0];
      if (arg && ts.isArrayLiteralExpression(arg)) tree = arg;
      return;
    }
    ts.forEachChild(n, find);
  };
  find(source);
  if (!tree) throw new Error(`No createBrowserRouter([...]) call found in ${routerFile}`);

  const toKey = (spec: string) =>
    relative(root, resolve(join(root, routerFile, ".."), spec))
      .split("\\")
      .join("/");
  const routes: RouteModules[] = [];
  const walk = (list: ts.ArrayLiteralExpression, parentPath: string, parentModules: string[]) => {
    for (const el of list.elements) {
      if (!ts.isObjectLiteralExpression(el)) continue;
      const pathInit = stringProp(el, "path");
      const segment = pathInit && ts.isStringLiteral(pathInit) ? pathInit.text : "";
      const path = segment.startsWith("/")
        ? segment
        : `${parentPath.replace(/\/$/, "")}/${segment}`.replace(/\/+$/, "") || "/";
      const lazyInit = stringProp(el, "lazy");
      const spec = lazyInit ? importedPath(lazyInit) : undefined;
      const modules = spec ? [...parentModules, toKey(spec)] : parentModules;
      const children = stringProp(el, "children");
      if (children && ts.isArrayLiteralExpression(children)) walk(children, path, modules);
      else if (spec) routes.push({ route: path, modules });
    }
  };
  walk(tree, "", []);
  return routes;
}

const KB = 1000;
const round = (bytes: number) => Math.round((bytes / KB) * 10) / 10;

export function bundleReport(outDir: string, manifest: Manifest, routes: RouteModules[]) {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const bytes = readFileSync(join(outDir, file));
      // Default gzip level, as the server's compress() middleware sends the assets.
      s = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, s);
    }
    return s;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error("The Vite manifest has no entry chunk");

  const staticClosure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      const chunk = manifest[key];
      if (!chunk) throw new Error(`The Vite manifest has no chunk ${key}`);
      seen.add(key);
      for (const i of chunk.imports ?? []) visit(i);
    };
    for (const k of keys) visit(k);
    return seen;
  };
  const routeModules = new Set(routes.flatMap((r) => r.modules));

  const routeSizes: RouteSize[] = routes.map(({ route, modules }) => {
    const keys = staticClosure([entryKey, ...modules]);
    const files = [...keys].map((k) => manifest[k]?.file ?? k).filter((f) => f.endsWith(".js"));
    const deferred = new Set<string>();
    for (const k of keys) {
      for (const d of manifest[k]?.dynamicImports ?? []) {
        if (routeModules.has(d)) continue;
        for (const dk of staticClosure([d])) if (!keys.has(dk)) deferred.add(dk);
      }
    }
    const gzip = files.reduce((sum, f) => sum + sizeOf(f).gzip, 0);
    const raw = files.reduce((sum, f) => sum + sizeOf(f).raw, 0);
    const deferredGzip = [...deferred]
      .map((k) => manifest[k]?.file ?? k)
      .filter((f) => f.endsWith(".js"))
      .reduce((sum, f) => sum + sizeOf(f).gzip, 0);
    return {
      route,
      gzipKb: round(gzip),
      rawKb: round(raw),
      deferredGzipKb: round(deferredGzip),
      chunks: files.sort(),
    };
  });

  const allFiles = new Set<string>();
  const cssFiles = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    if (chunk.file.endsWith(".js")) allFiles.add(chunk.file);
    for (const c of chunk.css ?? []) cssFiles.add(c);
  }
  const entry = manifest[entryKey];
  return {
    routes: routeSizes,
    totals: {
      jsChunks: allFiles.size,
      /** Every JS chunk together: roughly what one unsplit bundle would weigh. */
      allJsGzipKb: round([...allFiles].reduce((s, f) => s + sizeOf(f).gzip, 0)),
      entryGzipKb: round(entry ? sizeOf(entry.file).gzip : 0),
      cssGzipKb: round([...cssFiles].reduce((s, f) => s + sizeOf(f).gzip, 0)),
      largestRoute: routeSizes.reduce<RouteSize | undefined>(
        (max, r) => (!max || r.gzipKb > max.gzipKb ? r : max),
        undefined,
      )?.route,
      largestRouteGzipKb: Math.max(0, ...routeSizes.map((r) => r.gzipKb)),
    },
  };
}
