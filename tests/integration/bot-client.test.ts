// A bot's typed client (bot/client.ts, `hc` from hono/client) against the real service: the same
// createApp reached in the same process (app.request) and over a real HTTP server gives the same
// answers; a wrong token and a service that does not answer JSON come back as ApiClientError.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { ApiClientError, createHttpClient, createInProcessClient, type ApiClient } from "../../bot/client.js";
import { createHttpOutboxClient, createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { createHttpStaffGroupClient } from "../../bot/telegram/staff-group-client.js";
import { createDialogLibrary, type DialogLibrary } from "../support/dialog-library.js";
import { memoryLogger } from "../support/silent-logger.js";

const TOKEN = "bot-client-token-0123456789abcdef";
let lib: DialogLibrary;
// The app's own log, read by the request-id test.
const log = memoryLogger();
let app: ReturnType<typeof createApp>;
let server: ServerType;
let apiUrl: string;
let inProcess: ApiClient;
let overHttp: ApiClient;

/** Starts `fetch` on 127.0.0.1 and a free port; resolves with its URL. */
async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  const s = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => s.once("listening", resolve));
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

const close = (s: ServerType | undefined) => new Promise((resolve) => (s ? s.close(resolve) : resolve(undefined)));

beforeAll(async () => {
  lib = await createDialogLibrary();
  app = createApp({ db: lib.db, search: lib.search, config: lib.config({ SERVICE_TOKEN: TOKEN }), log, catalogue: lib.catalogue });
  ({ server, url: apiUrl } = await listen(app.fetch));
  inProcess = createInProcessClient(app, { serviceToken: TOKEN });
  overHttp = createHttpClient({ apiUrl: `${apiUrl}/`, serviceToken: TOKEN });
});
afterAll(async () => {
  await close(server);
  await lib?.close();
});

describe("a bot reaching the service through its typed client", () => {
  it("gets the same replies for 'ada buku laskar pelangi gak?' in the same process and over HTTP", async () => {
    const ask = (client: ApiClient, userId: string) => client.postMessage({ channel: "telegram", userId, messageId: `${userId}-1`, text: "ada buku laskar pelangi gak?" });
    const here = await ask(inProcess, "7001");
    const there = await ask(overHttp, "7002");
    expect(here.replies.map((r) => r.text).join("\n")).toContain("Laskar Pelangi");
    expect(there).toEqual(here);
  });

  it("finds the same catalogue records either way", async () => {
    const query = { q: "laskar pelangi", page: 1, limit: 3, available: true };
    const here = await inProcess.searchCatalogue(query);
    const there = await overHttp.searchCatalogue(query);
    expect(here.hits.map((h) => h.title)).toContain("Laskar Pelangi");
    expect(there).toEqual(here);
  });

  it("hands its request id to the service, which logs the turn under it", async () => {
    await overHttp.postMessage({ channel: "telegram", userId: "7003", messageId: "7003-1", text: "halo" }, { requestId: "bot-req-0000000001" });
    expect(log.lines().some((l) => l.requestId === "bot-req-0000000001" && l.path === "/v1/messages" && l.status === 200)).toBe(true);
  });

  it("is refused with 401 unauthorized when it carries a wrong service token, in the same process and over HTTP", async () => {
    const message = { channel: "telegram" as const, userId: "7004", messageId: "7004-1", text: "halo" };
    for (const client of [createInProcessClient(app, { serviceToken: "wrong-token" }), createHttpClient({ apiUrl, serviceToken: "wrong-token" })]) {
      const err = await client.postMessage(message).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiClientError);
      expect(err).toMatchObject({ status: 401, code: "unauthorized", body: { error: "unauthorized" } });
      expect((err as ApiClientError).message).toMatch(/^POST \/v1\/messages answered 401: /);
    }
    const outbox = createHttpOutboxClient({ apiUrl, serviceToken: "wrong-token" });
    await expect(outbox.pull({ channel: "telegram", limit: 1 })).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    await expect(createHttpStaffGroupClient({ apiUrl, serviceToken: "wrong-token" }).pending(1)).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("reaches the outbox and staff-group routes over HTTP with the right token (path parameters included)", async () => {
    const outbox = createHttpOutboxClient({ apiUrl, serviceToken: TOKEN });
    expect(await outbox.pull({ channel: "whatsapp", limit: 5 })).toEqual([]);
    await expect(outbox.ack(999_999, "no-such-lease")).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/^POST \/v1\/outbox\/999999\/ack answered 404/) });
    await expect(createInProcessOutboxClient(app, { serviceToken: TOKEN }).hold(999_999, { reason: "window", leaseId: "x" })).rejects.toMatchObject({ status: 404 });
    expect(await createHttpStaffGroupClient({ apiUrl, serviceToken: TOKEN }).pending(5)).toEqual([]);
  });
});

describe("a bot facing a service that does not answer JSON", () => {
  let proxy: ServerType;
  let proxyUrl: string;
  const seen: Request[] = [];
  beforeAll(async () => {
    // A reverse proxy's error page, or a 200 from something that is not our service.
    ({ server: proxy, url: proxyUrl } = await listen((req) => {
      seen.push(req);
      const status = new URL(req.url).searchParams.get("q") === "ok" ? 200 : 502;
      return new Response("<html><body>Bad Gateway</body></html>", { status, headers: { "content-type": "text/html" } });
    }));
  });
  afterAll(() => close(proxy));

  it("throws bad_response with the status it got, after sending the token and request id", async () => {
    const client = createHttpClient({ apiUrl: proxyUrl, serviceToken: TOKEN });
    const err = await client.postMessage({ channel: "whatsapp", userId: "6281", messageId: "m1", text: "halo" }, { requestId: "bot-req-0000000002" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ status: 502, code: "bad_response", body: null });
    expect(seen.at(-1)?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen.at(-1)?.headers.get("x-request-id")).toBe("bot-req-0000000002");
    expect(seen.at(-1)?.headers.get("content-type")).toBe("application/json");
    await expect(client.searchCatalogue({ q: "ok", page: 2, limit: 3, branch: "OEBOBO", available: false })).rejects.toMatchObject({ status: 200, code: "bad_response" });
    expect(new URL(seen.at(-1)!.url).search).toBe("?q=ok&page=2&limit=3&branch=OEBOBO&available=false");
  });

  it("gives up after its timeout when the service does not answer", async () => {
    const silent = await listen(() => new Promise<Response>(() => {}));
    try {
      const client = createHttpClient({ apiUrl: silent.url, timeoutMs: 200 });
      await expect(client.postMessage({ channel: "whatsapp", userId: "6281", messageId: "m2", text: "halo" })).rejects.toMatchObject({ name: "TimeoutError" });
    } finally {
      // The request it never answered would keep close() waiting.
      (silent.server as Server).closeAllConnections();
      await close(silent.server);
    }
  });

  it("gives up after its timeout in-process too, where app.request never looks at an abort signal", async () => {
    const stuck = { request: () => new Promise<Response>(() => {}) };
    const client = createInProcessClient(stuck, { timeoutMs: 50 });
    await expect(client.postMessage({ channel: "telegram", userId: "42", messageId: "m3", text: "halo" })).rejects.toMatchObject({ name: "TimeoutError" });
    const quick = createInProcessClient({ request: async () => Response.json({ replies: [{ text: "ok" }] }) }, { timeoutMs: 50 });
    expect(await quick.postMessage({ channel: "telegram", userId: "42", messageId: "m4", text: "halo" })).toEqual({ replies: [{ text: "ok" }] });
  });
});
