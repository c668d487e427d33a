// A resident on Telegram, end to end in webhook mode (PUBLIC_URL set): real Update JSON POSTed to
// /telegram/webhook with Telegram's secret header -> the adapter -> the real engine -> the fake Bot
// API. Also what the route refuses: a wrong or missing secret, a body that is not an Update.
import fs from "node:fs";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESIDENT, VISITOR } from "../fakes/telegram-updates.js";
import { buttonsOf, PUBLIC_URL, startTelegramHarness, type TelegramHarness } from "./telegram-harness.js";

let h: TelegramHarness;
let secret: string;

beforeAll(async () => {
  h = await startTelegramHarness({ webhook: true });
  secret = h.fake.webhook()!.secretToken!;
});

afterAll(async () => {
  await h?.close();
});

function post(body: string | Update, headers: Record<string, string> = { "x-telegram-bot-api-secret-token": secret }) {
  return h.app.request("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("Telegram webhook mode against the real engine", () => {
  it("registers the webhook at PUBLIC_URL with a generated secret kept in DATA_DIR", () => {
    expect(h.fake.webhook()?.url).toBe(`${PUBLIC_URL}/telegram/webhook`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(fs.readFileSync(path.join(h.dataDir, "telegram-webhook-secret"), "utf8").trim()).toBe(secret);
    expect(h.fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("answers 'ada buku laskar pelangi gak?' posted to the webhook", async () => {
    const since = h.fake.calls.length;
    const res = await post(h.fake.updates.privateText("ada buku laskar pelangi gak?"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const sent = await h.fake.waitForCall((c) => c.method === "sendMessage" && /hasil untuk/.test(c.visibleText ?? ""), { since });
    expect(sent.params.chat_id).toBe(RESIDENT.id);
    expect(sent.visibleText).toMatch(/Laskar Pelangi \(2005\)[^]*Tersedia: [^\n]*Oebobo/);
    expect(buttonsOf(sent.params).some((b) => /Berikutnya/.test(b.text))).toBe(true);
  });

  it("refuses a wrong or missing secret token with 401 and handles nothing", async () => {
    const since = h.fake.calls.length;
    const update = h.fake.updates.privateText("laskar pelangi", VISITOR);
    const wrong = await post(update, { "x-telegram-bot-api-secret-token": `${secret}x` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "unauthorized" });
    const missing = await post(update, {});
    expect(missing.status).toBe(401);
    expect(await h.tdb.db.patron.count({ where: { channelUserId: String(VISITOR.id) } })).toBe(0);
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(0);
  });

  it("answers garbage with 400 JSON and keeps working", async () => {
    for (const body of ["{not json", "[1,2,3]", '{"message":{"text":"no update_id"}}', ""]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: "validation_error" });
    }
    // Odd but well-formed updates are taken (200) and nobody is answered where nobody waits.
    const since = h.fake.calls.length;
    for (const update of [h.fake.updates.channelPost("pengumuman"), h.fake.updates.raw({ my_chat_member: {} as never }), { update_id: 1, message: { weird: true } } as unknown as Update]) {
      expect((await post(update)).status).toBe(200);
    }
    const res = await post(h.fake.updates.privateText("sang pemimpi"));
    expect(res.status).toBe(200);
    await h.fake.waitForCall((c) => c.method === "sendMessage" && /Sang Pemimpi/.test(c.visibleText ?? ""), { since });
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && !/Sang Pemimpi/.test(c.visibleText ?? ""))).toHaveLength(0);
  });

  it("refuses a body over 1 MiB with 413, whether its length is declared or it arrives chunked", async () => {
    const since = h.fake.calls.length;
    const huge = JSON.stringify(h.fake.updates.privateText(`laskar ${"a".repeat(1024 * 1024)}`));
    const declared = await post(huge, { "x-telegram-bot-api-secret-token": secret, "content-length": String(Buffer.byteLength(huge)) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "payload_too_large" });
    // No Content-Length (app.request sends none for a string body): Hono's streaming check counts the bytes.
    const chunked = await post(huge);
    expect(chunked.status).toBe(413);
    const badLength = await post(JSON.stringify(h.fake.updates.privateText("laskar")), { "x-telegram-bot-api-secret-token": secret, "content-length": "12abc" });
    expect(badLength.status).toBe(413);
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(0);
  });

  it("answers the same update_id once when Telegram delivers it twice", async () => {
    const update = h.fake.updates.privateText("edensor");
    const since = h.fake.calls.length;
    const [a, b] = await Promise.all([post(update), post(update)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await post(update)).status).toBe(200);
    await h.fake.waitForCall((c) => c.method === "sendMessage" && /Edensor/.test(c.visibleText ?? ""), { since });
    const again = await post(h.fake.updates.privateText("ayah"));
    expect(again.status).toBe(200);
    await h.fake.waitForCall((c) => c.method === "sendMessage" && /Ayah \(2015\)/.test(c.visibleText ?? ""), { since });
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && /Edensor \(2007\)/.test(c.visibleText ?? ""))).toHaveLength(1);
    const patron = await h.tdb.db.patron.findFirstOrThrow({ where: { channelUserId: String(RESIDENT.id) } });
    const logged = await h.tdb.db.messageLog.count({ where: { patronId: patron.id, direction: "in", text: "edensor" } });
    expect(logged).toBe(1);
  });
});
