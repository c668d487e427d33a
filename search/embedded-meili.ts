import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../api/logger.js";
import { freePort } from "../api/lib/free-port.js";
import { commandLine, stopChild, terminatePid } from "../api/lib/processes.js";

export type EmbeddedMeili = { url: string; apiKey: string; pid: number; dataDir: string; stop(): Promise<void> };

function masterKey(file: string): string {
  try {
    const k = fs.readFileSync(file, "utf8").trim();
    if (k.length >= 16) return k;
  } catch {
    /* first start */
  }
  const key = crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, key + "\n", { mode: 0o600 });
  return key;
}

async function waitHealthy(url: string, child: { exitCode: number | null }, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited during start (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not become healthy within ${ms} ms`);
}

/** Starts Meilisearch from `binary` on a free 127.0.0.1 port, data and master key under `dataDir`. */
export async function startEmbeddedMeili(opts: { binary: string; dataDir: string; log: Logger }): Promise<EmbeddedMeili> {
  const { log } = opts;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const dbPath = path.join(opts.dataDir, "meili");
  const pidFile = path.join(opts.dataDir, "meili.pid");
  // A Meilisearch left running by a crashed start still holds its database lock.
  if (fs.existsSync(pidFile)) {
    const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8"), 10);
    if (pid && commandLine(pid).includes("meilisearch")) {
      log.warn({ pid }, "stopping Meilisearch left running by an earlier crashed start");
      await terminatePid(pid, "SIGTERM", 10_000);
    }
    fs.rmSync(pidFile, { force: true });
  }
  const apiKey = masterKey(path.join(opts.dataDir, "meili.key"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    opts.binary,
    [
      "--db-path", dbPath,
      "--http-addr", `127.0.0.1:${port}`,
      "--no-analytics",
      "--env", "development",
      "--dump-dir", path.join(opts.dataDir, "meili-dumps"),
      "--snapshot-dir", path.join(opts.dataDir, "meili-snapshots"),
      "--log-level", "WARN",
      "--max-indexing-threads", "2",
    ],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, MEILI_MASTER_KEY: apiKey, MEILI_NO_ANALYTICS: "true" } },
  );
  child.stderr.on("data", (d) => log.debug({ meilisearch: String(d).trim().slice(0, 500) }));
  fs.writeFileSync(pidFile, String(child.pid));
  try {
    await waitHealthy(url, child, 30_000);
  } catch (err) {
    await stopChild(child, "SIGKILL", 1000);
    throw err;
  }
  return {
    url,
    apiKey,
    pid: child.pid!,
    dataDir: dbPath,
    stop: async () => {
      await stopChild(child, "SIGTERM", 8_000);
      fs.rmSync(pidFile, { force: true });
    },
  };
}
