// `npm run start:telegram`: the bot as its own process next to a service reached over HTTP
// (API_URL + SERVICE_TOKEN), long-polling the fake Bot API. Proves the HTTP client and the HTTP
// outbox client against the real routes, and the worker's start-up checks and clean stop.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegram-bot-api.js";
import { RESIDENT } from "../fakes/telegram-updates.js";
import { eventually, SERVICE_TOKEN, startLibrary } from "./telegram-harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Worker = { child: ChildProcess; output(): string; exited: Promise<number | null> };

function startWorker(env: Record<string, string>): Worker {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DATABASE_URL|MEILI_|TELEGRAM_|PUBLIC_URL|API_URL|SERVICE_TOKEN)/.test(k)) clean[k] = v;
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["bot/telegram/main.ts"], { cwd: ROOT, env: { ...clean, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

let library: Awaited<ReturnType<typeof startLibrary>>;
let server: ServerType;
let apiUrl: string;
let fake: FakeBotApi;
let worker: Worker;

beforeAll(async () => {
  library = await startLibrary();
  const config = loadConfig({ SERVICE_TOKEN, LOG_LEVEL: "silent" });
  const app = createApp({ db: library.tdb.db, search: library.search, config, log: library.log, catalogue: library.catalogue });
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = await startFakeBotApi();
  worker = startWorker({ API_URL: apiUrl, SERVICE_TOKEN, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_OUTBOX_POLL_SECONDS: "1" });
  await eventually(() => fake.calls.some((c) => c.method === "getUpdates") || worker.child.exitCode !== null, "the worker to poll", 60_000);
});

afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await fake?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await library?.close();
});

describe("npm run start:telegram (bot on its own, service over HTTP)", () => {
  it("answers a resident through the service's HTTP API", async () => {
    expect(worker.output()).toContain(`service ${apiUrl}`);
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("ada buku laskar pelangi gak?"));
    const sent = await fake.waitForCall((c) => c.method === "sendMessage" && /hasil untuk/.test(c.visibleText ?? ""), { since, timeoutMs: 30_000 });
    expect(sent.params.chat_id).toBe(RESIDENT.id);
    expect(sent.visibleText).toContain("Laskar Pelangi");
  });

  it("delivers outbox items pulled over HTTP", async () => {
    const outbox = createOutboxServiceFromConfig(library.tdb.db, loadConfig({}));
    const item = await outbox.enqueue({ channel: "telegram", recipient: String(RESIDENT.id), payload: { replies: [{ text: "Jawaban pustakawan: ada di rak 899." }] } });
    const sent = await fake.waitForCall((c) => c.method === "sendMessage" && c.visibleText === "Jawaban pustakawan: ada di rak 899.", { timeoutMs: 30_000 });
    expect(sent.params.chat_id).toBe(RESIDENT.id);
    await eventually(async () => (await library.tdb.db.outbox.findUnique({ where: { id: item.id } }))?.status === "sent", "the item to be acked");
  });

  it("stops cleanly on SIGTERM", async () => {
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  });

  it("refuses to start without API_URL, naming it", async () => {
    const bad = startWorker({ TELEGRAM_BOT_TOKEN: fake.token });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/API_URL: must be set/);
  });
});
