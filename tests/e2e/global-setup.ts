import { ensureWebBuild } from "../../src/server/web-build.ts";

/** Browser tests run against the production build of the SPA. */
export default async function setup() {
  await ensureWebBuild();
}
