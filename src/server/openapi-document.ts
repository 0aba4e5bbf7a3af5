import { createApp } from "./app.ts";
import { createAuth } from "./auth/auth.ts";
import { loadConfig } from "./config.ts";
import { openDb } from "./db/kysely.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { newDataKey, newToken } from "./lib/crypto.ts";

/** The OpenAPI document, built from an app on a throwaway in-memory database. */
export async function openApiDocument(): Promise<unknown> {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: "file::memory:" });
  const handle = openDb(config.databaseUrl);
  await migrateToLatest(handle.db);
  const mailer = { send: async () => {}, close: () => {} };
  const auth = createAuth(handle.db, config, mailer, newToken() + newToken());
  const app = createApp({
    db: handle.db,
    engine: handle.engine,
    config,
    mailer,
    auth,
    masterKey: newDataKey(),
  });
  const doc = await (await app.request("/api/openapi.json")).json();
  await handle.close();
  return doc;
}
