// `npm run bench:chat`: residents searching the catalogue over Telegram, through the webhook path.
//
// The service runs as `npm start` runs it (api/main.ts in its own process, webhook mode), against
// PostgreSQL and Meilisearch with the demo catalogue, and a fake Bot API on 127.0.0.1 that answers
// instantly. This process plays Telegram: 200 users each POST real Update JSON to
// /telegram/webhook and wait for their answer; a latency is the time from starting the webhook
// request to the bot's sendMessage call for that chat arriving at the fake.
//
// Two runs: "paced" keeps the offered load at BENCH_RATE messages/s (each user waits for its answer,
// then thinks until its next turn), the target's shape; "flat out" drops the think time, which
// shows capacity (latency then is mostly queueing). Both count only search messages, after one
// warm-up run of BENCH_WARMUP messages, flat out (every user's first contact gets a welcome message,
// which is not measured).
//
// Environment: BENCH_USERS (200), BENCH_MESSAGES (3000), BENCH_RATE (300), BENCH_WARMUP (3000), BENCH_SERVICE_NODE_ARGS, DATABASE_URL and
// MEILI_URL to use existing servers (a temporary database / index prefix is created and removed),
// otherwise embedded ones are started in a temporary directory.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { User } from "grammy/types";
import { seedDemo } from "../api/catalogue/seed-demo.js";
import { migrate } from "../api/db/migrate.js";
import { createDb } from "../api/db/prisma.js";
import { freePort } from "../api/lib/free-port.js";
import { stopChild } from "../api/lib/processes.js";
import { createLogger } from "../api/logger.js";
import { createCatalogueIndex } from "../search/catalogue-index.js";
import { createSearchBackend } from "../search/search-client.js";
import { startFakeBotApi, type FakeBotApi } from "../tests/fakes/telegram-bot-api.js";
import { searchMessages } from "./_chat-messages.js";
import { cpuSeconds, stolenSeconds } from "./_proc.js";
import { benchDatabase, benchMeilisearch, percentile, type Stop } from "./_servers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USERS = Number(process.env.BENCH_USERS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const RATE = Number(process.env.BENCH_RATE ?? 300);
// A run that falls this far behind stops sending and reports what it measured.
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 120);
const SECRET = crypto.randomBytes(24).toString("base64url");
const SERVICE_TOKEN = crypto.randomBytes(24).toString("base64url");

const log = createLogger({ level: "warn" });
const stops: Stop[] = [];
/** Processes whose CPU time is reported per message (embedded servers and the service). */
const processes: { name: string; pid: number; withChildren?: boolean }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- servers -------------------------------------------------------------------------------------

async function database(tmp: string): Promise<string> {
  const { url, pid } = await benchDatabase(tmp, log, stops);
  if (pid) processes.push({ name: "PostgreSQL", pid, withChildren: true });
  return url;
}

async function meilisearch(tmp: string): Promise<{ url: string; apiKey: string; prefix: string }> {
  const { pid, ...meili } = await benchMeilisearch(tmp, log, stops);
  if (pid) processes.push({ name: "Meilisearch", pid });
  return meili;
}

async function startService(env: Record<string, string>, fake: FakeBotApi): Promise<ChildProcess> {
  // BENCH_SERVICE_NODE_ARGS adds Node flags to the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  // The same V8 flag as `npm start` (package.json): a larger young generation, fewer scavenges.
  const child = spawn(process.execPath, ["--max-semi-space-size=32", ...nodeArgs, "--import", "tsx", path.join(ROOT, "api/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  stops.push(() => stopChild(child, "SIGTERM", 15_000));
  if (child.pid) processes.push({ name: "service (Node)", pid: child.pid });
  const deadline = Date.now() + 120_000;
  while (!fake.webhook()) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the service did not register its webhook within 120 s");
    await sleep(100);
  }
  return child;
}

// --- machine check -------------------------------------------------------------------------------

// A process that does nothing but wait on a 10 ms timer notices when the whole machine stalls (the
// VM paused, memory paged back in) rather than the service: when it fires more than 50 ms late,
// every process lost that time. Latency spikes with no such stall are the service's own.
const WATCHER = `let last=performance.now();setInterval(()=>{const now=performance.now();const late=now-last-10;if(late>50)process.stdout.write(Date.now()+" "+Math.round(late)+"\\n");last=now},10);`;

/** Starts the stall watcher; `during(from, to)` lists the stalls (ms) seen between two Date.now() times. */
function startStallWatcher(): { during(from: number, to: number): number[] } {
  const child = spawn(process.execPath, ["-e", WATCHER], { stdio: ["ignore", "pipe", "ignore"] });
  stops.push(() => stopChild(child, "SIGTERM", 2000));
  const stalls: { at: number; ms: number }[] = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const [at, ms] = line.split(" ").map(Number);
      if (Number.isFinite(at) && Number.isFinite(ms)) stalls.push({ at: at!, ms: ms! });
    }
  });
  return { during: (from, to) => stalls.filter((x) => x.at - x.ms >= from && x.at <= to).map((x) => x.ms) };
}

// --- residents -----------------------------------------------------------------------------------

function cpuSnapshot(): Map<string, number> {
  const snap = new Map(processes.map((p) => [p.name, cpuSeconds(p.pid, p.withChildren)]));
  const own = process.cpuUsage();
  snap.set("this process (users + fake Bot API)", (own.user + own.system) / 1e6);
  return snap;
}

type Sample = { ms: number; ok: boolean; other?: string; sentAt?: number };

// Telegram's servers are not on this machine, so this process should take as little of the two
// cores as it can: node:http with kept-alive sockets costs about half of what fetch() does per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });

/** POSTs one update to the webhook and resolves with the HTTP status once the answer is read. */
function postUpdate(url: URL, body: string, retried = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      // A retry goes on a new connection: after a pause every pooled socket may be the stale one.
      { method: "POST", agent: retried ? false : agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": SECRET } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as idle just as it was reused: the request never
      // reached the service, and Telegram would deliver again. Node's documentation says to retry.
      if (!retried && req.reusedSocket && err.code === "ECONNRESET") postUpdate(url, body, true).then(resolve, reject);
      else reject(err);
    });
    req.end(body);
  });
}

async function run(opts: { label: string; fake: FakeBotApi; webhookUrl: URL; users: User[]; messages: string[]; total: number; rate: number | null }) {
  const { fake, users } = opts;
  const waiting = new Map<number, (at: number, text: string) => void>();
  const off = fake.onCall((c) => {
    if (c.method !== "sendMessage" || !c.ok) return;
    const chatId = Number(c.params.chat_id);
    const resolve = waiting.get(chatId);
    if (resolve) {
      waiting.delete(chatId);
      resolve(c.at, c.visibleText ?? "");
    }
  });

  const samples: Sample[] = [];
  let httpErrors = 0;
  const errorKinds = new Map<string, number>();
  let stoppedEarly = false;
  const cycleMs = opts.rate ? (users.length / opts.rate) * 1000 : 0;
  const cpuBefore = cpuSnapshot();
  const stolenBefore = stolenSeconds();
  const started = performance.now();
  const timeline: TimelinePoint[] = [{ cpu: cpuBefore, stolen: stolenBefore }];
  const sampler = process.env.BENCH_TIMELINE ? setInterval(() => timeline.push({ cpu: cpuSnapshot(), stolen: stolenSeconds() }), 1000) : undefined;

  const resident = async (user: User, index: number) => {
    let turn = 0;
    for (;;) {
      if (performance.now() - started > MAX_SECONDS * 1000) {
        stoppedEarly = true;
        return;
      }
      // User i sends messages i, i + users, i + 2·users …: every user gets its share, in turn.
      const n = index + turn * users.length;
      if (n >= opts.total) return;
      if (cycleMs) {
        // Evenly spread start times; a user who fell behind sends at once.
        const due = started + (index / users.length) * cycleMs + turn * cycleMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      turn += 1;
      const update = fake.updates.privateText(opts.messages[n % opts.messages.length]!, user);
      const answered = new Promise<{ at: number; text: string }>((resolve) => waiting.set(user.id, (at, text) => resolve({ at, text })));
      const t0 = performance.now();
      const status = await postUpdate(opts.webhookUrl, JSON.stringify(update)).catch((err: Error) => {
        errorKinds.set(err.message, (errorKinds.get(err.message) ?? 0) + 1);
        return 0;
      });
      if (status !== 200) {
        if (status !== 0) errorKinds.set(`HTTP ${status}`, (errorKinds.get(`HTTP ${status}`) ?? 0) + 1);
        httpErrors += 1;
        waiting.delete(user.id);
        continue;
      }
      // The webhook answers once the update is handled, so the reply has arrived by now (or never will).
      const reply = await Promise.race([answered, sleep(30_000).then(() => null)]);
      if (!reply) {
        waiting.delete(user.id);
        samples.push({ ms: NaN, ok: false });
        continue;
      }
      const ok = /hasil untuk|tidak ditemukan|results for|not found/i.test(reply.text);
      samples.push({ ms: reply.at - t0, ok, sentAt: t0 - started, ...(ok ? {} : { other: reply.text.split("\n")[0]!.slice(0, 60) }) });
    }
  };

  await Promise.all(users.map((u, i) => resident(u, i)));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSnapshot();
  const stolenPerSecond = ((stolenSeconds() - stolenBefore) * 1000) / seconds;
  off();
  // Backends that exited during the run take their CPU time with them; the figures are a floor.
  const cpuPerMessage = [...cpuAfter].map(([name, after]) => [name, ((after - (cpuBefore.get(name) ?? 0)) * 1000) / Math.max(1, samples.length)] as const);
  const times = samples.map((s) => s.ms).filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  const searchAnswers = samples.filter((s) => s.ok).length;
  const others = new Map<string, number>();
  for (const s of samples) if (s.other) others.set(s.other, (others.get(s.other) ?? 0) + 1);
  clearInterval(sampler);
  if (process.env.BENCH_TIMELINE) printTimeline(opts.label, samples, timeline);
  return {
    label: opts.label,
    messages: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    searchAnswers,
    lost: samples.length - times.length,
    httpErrors,
    errorKinds: [...errorKinds],
    stoppedEarly,
    others: [...others].sort((a, b) => b[1] - a[1]).slice(0, 3),
    cpuPerMessage,
    stolenPerSecond,
  };
}

type TimelinePoint = { cpu: Map<string, number>; stolen: number };

/** BENCH_TIMELINE=1: latency and CPU per second of a run, to see whether slow answers come in waves and why. */
function printTimeline(label: string, samples: Sample[], points: TimelinePoint[]): void {
  const bySecond = new Map<number, number[]>();
  for (const s of samples) {
    if (s.sentAt === undefined || !Number.isFinite(s.ms)) continue;
    const second = Math.floor(s.sentAt / 1000);
    const list = bySecond.get(second) ?? [];
    list.push(s.ms);
    bySecond.set(second, list);
  }
  const names = [...points[0]!.cpu.keys()];
  console.log(`\n${label}, per second sent: messages, p50 / p95 / max ms; CPU ms in that second: ${names.join(", ")}, stolen by the host`);
  for (const [second, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b);
    const [from, to] = [points[second], points[second + 1]];
    const used = from && to ? [...names.map((n) => to.cpu.get(n)! - from.cpu.get(n)!), to.stolen - from.stolen].map((s) => (s * 1000).toFixed(0).padStart(5)).join(" ") : "";
    console.log(`  ${String(second).padStart(3)} s ${String(ms.length).padStart(5)} ${percentile(ms, 50).toFixed(0).padStart(6)} ${percentile(ms, 95).toFixed(0).padStart(6)} ${ms.at(-1)!.toFixed(0).padStart(6)}   ${used}`);
  }
}

// --- main ----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-bench-chat-"));
  fs.chmodSync(tmp, 0o755);
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  try {
    const t0 = performance.now();
    const databaseUrl = await database(tmp);
    const meili = await meilisearch(tmp);
    await migrate({ databaseUrl, dir: path.join(ROOT, "prisma/migrations"), log });
    const db = createDb(databaseUrl, { max: 4 });
    const search = createSearchBackend({ url: meili.url, apiKey: meili.apiKey, indexPrefix: meili.prefix, timeoutMs: 5000 });
    const index = createCatalogueIndex({ db, search, log });
    const seeded = await seedDemo({ db, log });
    await index.ensureReady();
    await db.$disconnect();
    if (process.env.MEILI_URL) {
      stops.push(async () => {
        const { results } = await search.client!.getIndexes({ limit: 1000 });
        for (const idx of results.filter((i) => i.uid.startsWith(meili.prefix))) await search.client!.deleteIndex(idx.uid).waitTask();
      });
    }

    const fake = await startFakeBotApi();
    stops.push(() => fake.close());
    const port = await freePort();
    const service = await startService(
      {
        DATABASE_URL: databaseUrl,
        MEILI_URL: meili.url,
        MEILI_API_KEY: meili.apiKey,
        MEILI_INDEX_PREFIX: meili.prefix,
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: path.join(tmp, "service"),
        LOG_LEVEL: "warn",
        SEED_DEMO: "false",
        SERVICE_TOKEN,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        // 200 simulated users write far faster than people do; the per-user limit would answer "slow down".
        RATE_LIMIT_MESSAGES: "10000",
      },
      fake,
    );
    const webhookUrl = new URL(`http://127.0.0.1:${port}/telegram/webhook`);
    const ready = (performance.now() - t0) / 1000;

    const users: User[] = Array.from({ length: USERS }, (_, i) => ({ id: 880_000_001 + i, is_bot: false, first_name: `Warga ${i + 1}`, language_code: "id" }));
    const messages = searchMessages();
    const loadBefore = os.loadavg()[0]!;
    // One message per user first: first contacts (welcome message), JIT, connection pools.
    // The service runs for weeks; measure it warm (JIT-compiled hot path, filled caches), not in its first seconds.
    await run({ label: "warm-up", fake, webhookUrl, users, messages: messages.slice(100), total: Math.max(USERS, WARMUP), rate: null });
    const watcher = startStallWatcher();
    const pacedFrom = Date.now();
    const paced = await run({ label: `paced at ${RATE}/s`, fake, webhookUrl, users, messages, total: MESSAGES, rate: RATE });
    const pacedStalls = watcher.during(pacedFrom, Date.now());
    const flat = await run({ label: "flat out", fake, webhookUrl, users, messages: messages.slice(250), total: MESSAGES, rate: null });

    const cpus = os.cpus();
    console.log(`\nbench:chat — Telegram webhook -> engine -> catalogue -> Bot API (fake, instant)`);
    console.log(`machine: ${cpus.length} x ${cpus[0]?.model.trim()}, Node ${process.version}; ready in ${ready.toFixed(1)} s; catalogue: ${seeded?.created ?? "existing"} records`);
    console.log(`users: ${USERS}, search messages per run: ${MESSAGES}, PostgreSQL ${process.env.DATABASE_URL ? "external" : "embedded"}, Meilisearch ${process.env.MEILI_URL ? "external" : "embedded"}`);
    // Other work on the machine changes every figure below; the 1-minute load average says how much.
    console.log(`load average (1 min) before the runs: ${loadBefore.toFixed(1)}, after: ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log("run               msgs   msg/s    p50 ms   p95 ms   p99 ms   max ms   search answers  lost  http errors");
    for (const r of [paced, flat]) {
      console.log(
        `${(r.label + (r.stoppedEarly ? "*" : "")).padEnd(16)} ${String(r.messages).padStart(5)} ${r.perSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(0).padStart(8)}   ${`${r.searchAnswers}/${r.messages}`.padStart(14)} ${String(r.lost).padStart(5)} ${String(r.httpErrors).padStart(12)}`,
      );
    }
    console.log(`\nCPU time per message (ms) (${os.cpus().length} cores = ${os.cpus().length * 1000} ms of CPU per second):`);
    console.log(`  ${"".padEnd(38)} ${"paced".padStart(6)} ${"flat".padStart(6)}`);
    for (const [name, ms] of flat.cpuPerMessage) {
      const p = paced.cpuPerMessage.find(([n]) => n === name)?.[1];
      console.log(`  ${name.padEnd(38)} ${(p === undefined ? "-" : p.toFixed(1)).padStart(6)} ${ms.toFixed(1).padStart(6)}`);
    }
    const sum = (r: typeof flat) => r.cpuPerMessage.reduce((a, [, ms]) => a + ms, 0).toFixed(1);
    console.log(`  ${"total".padEnd(38)} ${sum(paced).padStart(6)} ${sum(flat).padStart(6)}\n`);
    for (const r of [paced, flat]) {
      for (const [text, n] of r.others) console.log(`  ${r.label}: ${n} answers were not search results, e.g. "${text}"`);
      for (const [kind, n] of r.errorKinds) console.log(`  ${r.label}: ${n} webhook requests failed: ${kind}`);
    }
    // Host steal does not stop the machine, it slows it: the stall watcher above misses it.
    console.log(`  machine check: the host took ${paced.stolenPerSecond.toFixed(0)} ms per second of the ${os.cpus().length} cores' time during the paced run (steal in /proc/stat; 0 on a quiet host)`);
    console.log(
      pacedStalls.length === 0
        ? `  machine check: no stall over 50 ms during the paced run (a separate idle process's 10 ms timer)`
        : `  machine check: ${pacedStalls.length} stall(s) during the paced run, up to ${Math.max(...pacedStalls)} ms: every process on the machine lost that time, the service included`,
    );
    if (paced.stoppedEarly || flat.stoppedEarly) console.log(`* stopped after ${MAX_SECONDS} s (BENCH_MAX_SECONDS): the service could not keep up`);
    const target = !paced.stoppedEarly && paced.perSecond >= RATE * 0.97 && paced.p95 <= 100;
    console.log(`\ntarget (>= 300 search messages/s with p95 <= 100 ms): ${target && RATE >= 300 ? "met" : "NOT met"} in the paced run; flat out: ${flat.perSecond.toFixed(0)} msg/s`);
    if (service.exitCode !== null) throw new Error("the service died during the benchmark");
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error("cleanup:", err));
  }
}

await main();
