// `npm run bench:startup`: times `npm start` (first start on an empty DATA_DIR, then a second start)
// until /readyz answers 200, and prints the resident memory of the service and each embedded server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function pidsWhere(test: (cmd: string, ppid: number) => boolean): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${e}/cmdline`, "utf8").replace(/\0/g, " ");
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${e}/status`, "utf8"))?.[1]);
      if (test(cmd, ppid)) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function once(dataDir: string, label: string): Promise<void> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" } as Record<string, string>;
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  const t0 = performance.now();
  const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: "ignore", detached: true });
  let ready = 0;
  while (!ready) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) ready = performance.now() - t0;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > 120_000) throw new Error("not ready within 120 s");
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1500)); // let start-up work settle before reading memory
  const servicePid = Number(fs.readFileSync(path.join(dataDir, "instance.pid"), "utf8"));
  const postmaster = pidsWhere((cmd) => cmd.includes(`-D ${path.join(dataDir, "postgres")}`))[0] ?? 0;
  const pgAll = [postmaster, ...pidsWhere((_c, ppid) => ppid === postmaster)];
  const meili = Number(fs.readFileSync(path.join(dataDir, "meili.pid"), "utf8"));
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  console.log(
    `${label.padEnd(13)} ready in ${(ready / 1000).toFixed(1)} s | RSS service ${mb(rssKb(servicePid))}, ` +
      `PostgreSQL ${mb(pgAll.reduce((s, p) => s + rssKb(p), 0))} (${pgAll.length} processes), Meilisearch ${mb(rssKb(meili))}`,
  );
  const t1 = performance.now();
  process.kill(-child.pid!, "SIGTERM");
  await new Promise((r) => child.on("exit", r));
  // npm exits first; the service and its servers finish stopping right after.
  let left = pidsWhere((cmd) => cmd.includes(dataDir));
  while (left.length && performance.now() - t1 < 15_000) {
    await new Promise((r) => setTimeout(r, 50));
    left = pidsWhere((cmd) => cmd.includes(dataDir));
  }
  console.log(`${"".padEnd(13)} stopped in ${((performance.now() - t1) / 1000).toFixed(1)} s, processes left: ${left.length}`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-startup-"));
fs.chmodSync(dir, 0o755);
try {
  await once(dir, "first start");
  await once(dir, "second start");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
