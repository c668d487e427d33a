import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { App } from "../../api/app-env.js";
import type { Config } from "../../api/config.js";
import { createDialogEngine } from "../../api/dialog/engine.js";
import { startPurgeJob } from "../../api/dialog/purge-job.js";
import type { Reply } from "../../api/dialog/reply.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";

const SERVICE_TOKEN = "test-service-token-0123456789";
let lib: DialogLibrary;
let config: Config;
const clock = testClock("2026-11-22T02:00:00Z");

/** A fresh engine and app over the same database, as after a restart of the service. */
function startService(overrides: Record<string, string> = {}): App {
  const cfg = { ...config, ...lib.config({ SERVICE_TOKEN, ...overrides }) };
  const dialog = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config: cfg, log: lib.log, clock });
  return createApp({ db: lib.db, search: lib.search, config: cfg, log: lib.log, catalogue: lib.catalogue, dialog });
}

beforeAll(async () => {
  lib = await createDialogLibrary();
  config = lib.config({ SERVICE_TOKEN });
});
afterAll(async () => {
  await lib?.close();
});

const auth = { "content-type": "application/json", authorization: `Bearer ${SERVICE_TOKEN}` };

async function send(app: App, body: Record<string, unknown>, headers: Record<string, string> = auth): Promise<{ status: number; replies: Reply[]; body: Record<string, unknown> }> {
  const res = await app.request("/v1/messages", { method: "POST", headers, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, replies: (json.replies as Reply[]) ?? [], body: json };
}

let seq = 0;
function user(channel: "telegram" | "whatsapp" | "web" = "telegram") {
  const userId = channel === "web" ? `wtest${String(++seq).padStart(16, "0")}` : `c${++seq}`;
  let n = 0;
  return {
    userId,
    msg: (extra: Record<string, unknown>) => ({ channel, userId, messageId: `${userId}-${++n}`, ...extra }),
  };
}

async function patronRows(channel: string, userId: string) {
  const patron = await lib.db.patron.findUnique({ where: { channel_channelUserId: { channel, channelUserId: userId } } });
  if (!patron) return { patron, state: 0, messages: 0, suggestions: 0, processed: 0 };
  const [state, messages, suggestions, processed] = await Promise.all([
    lib.db.conversationState.count({ where: { patronId: patron.id } }),
    lib.db.messageLog.count({ where: { patronId: patron.id } }),
    lib.db.purchaseSuggestion.count({ where: { patronId: patron.id } }),
    lib.db.processedMessage.count({ where: { patronId: patron.id } }),
  ]);
  return { patron, state, messages, suggestions, processed };
}

describe("the conversation endpoint", () => {
  it("without the service token the endpoint answers 401, before looking at the body", async () => {
    const app = startService();
    expect((await send(app, { channel: "telegram" }, { "content-type": "application/json" })).status).toBe(401);
    expect((await send(app, { channel: "telegram" }, { "content-type": "application/json", authorization: "Bearer wrong-token-but-long-enough" })).status).toBe(401);
  });

  it("a malformed message gets the usual 400 shape naming the field", async () => {
    const { status, body } = await send(startService(), { channel: "sms", userId: "", messageId: "x" });
    expect(status).toBe(400);
    expect(body.error).toBe("validation_error");
    expect((body.issues as { path: string }[]).map((i) => i.path)).toEqual(expect.arrayContaining(["channel", "userId"]));
  });

  it("the web chat page's token may send as channel web only, with an unguessable user id", async () => {
    const app = startService();
    const page = await app.request("/chat");
    const html = await page.text();
    const token = /name="chat-token" content="([^"]+)"/.exec(html)![1]!;
    const headers = { "content-type": "application/json", "x-chat-token": token };
    const web = user("web");
    const ok = await send(app, web.msg({ text: "/start" }), headers);
    expect(ok.status).toBe(200);
    expect(ok.replies[0]!.text).toContain("Tanya Pustaka");
    expect((await send(app, { channel: "telegram", userId: "123", messageId: "t1", text: "halo" }, headers)).status).toBe(403);
    expect((await send(app, { channel: "web", userId: "short", messageId: "w1", text: "halo" }, headers)).status).toBe(400);
    const fresh = (await (await app.request("/chat/token")).json()) as { token: string };
    expect((await send(app, web.msg({ text: "halo" }), { ...headers, "x-chat-token": fresh.token })).status).toBe(200);
    expect((await send(app, web.msg({ text: "halo" }), { ...headers, "x-chat-token": `${token.split(".")[0]}.${"A".repeat(43)}` })).status).toBe(401);
  });

  it("the same (channel, messageId) twice is handled once: the second call returns the first replies", async () => {
    const app = startService();
    const u = user();
    const m = u.msg({ text: "ada buku sang pemimpi?" });
    const [first, second] = await Promise.all([send(app, m), send(app, m)]);
    const third = await send(app, m);
    expect(first.replies).toEqual(second.replies);
    expect(third.replies).toEqual(first.replies);
    expect(first.replies.some((r) => r.text.includes("Sang Pemimpi"))).toBe(true);
    const rows = await patronRows("telegram", u.userId);
    expect(rows.messages).toBe(1 + first.replies.length);
    // The same message id on another channel is another message.
    const other = await send(app, { ...m, channel: "whatsapp" });
    expect(other.replies.some((r) => r.text.includes("Sang Pemimpi"))).toBe(true);
  });
});

describe("onboarding, menu and honest 'coming soon'", () => {
  it("/start explains what the bot can do and what it keeps, with the menu as buttons", async () => {
    const u = user();
    const { replies } = await send(startService(), u.msg({ text: "/start", displayName: "Maria" }));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("Halo, Maria!");
    expect(replies[0]!.text).toContain("disimpan 90 hari");
    expect(replies[0]!.buttons?.map((b) => b.payload)).toEqual(["examples", "hours", "info", "lessons", "cite", "librarian", "lang", "mydata"]);
  });

  it("without the lesson and research features, lessons, citation help and 'tanya pustakawan' say honestly that they are coming", async () => {
    const app = startService();
    const u = user();
    await send(app, u.msg({ text: "/start" }));
    for (const [payload, words] of [["lessons", "segera hadir"], ["cite", "segera hadir"], ["librarian", "belum bisa sekarang"]] as const) {
      const { replies } = await send(app, u.msg({ payload }));
      expect(replies[0]!.text).toContain(words);
    }
    expect((await send(app, u.msg({ text: "/tanya" }))).replies[0]!.text).toContain("belum bisa sekarang");
  });

  it("a feature plugged into the engine adds its intents and its line to the /start list", async () => {
    const cfg = lib.config();
    const dialog = createDialogEngine({
      db: lib.db,
      catalogue: lib.catalogue,
      config: cfg,
      log: lib.log,
      clock,
      features: [
        {
          replaces: ["lessons"],
          register: (registry) => registry.handle("lessons", async () => [{ text: "Pelajaran: Hoaks (5 menit)" }]),
          describe: () => "• mengikuti pelajaran literasi digital",
        },
      ],
    });
    const app = createApp({ db: lib.db, search: lib.search, config: cfg, log: lib.log, catalogue: lib.catalogue, dialog });
    const u = user();
    const start = await send(app, u.msg({ text: "/start" }), { "content-type": "application/json" });
    expect(start.replies[0]!.text).toContain("• memberi jam buka dan alamat perpustakaan\n• mengikuti pelajaran literasi digital");
    expect((await send(app, u.msg({ text: "pelajaran" }), { "content-type": "application/json" })).replies[0]!.text).toBe("Pelajaran: Hoaks (5 menit)");
  });

  it("an unknown command shows the menu; a sticker (no text) gets a short answer", async () => {
    const app = startService();
    const u = user();
    await send(app, u.msg({ text: "/start" }));
    expect((await send(app, u.msg({ text: "/terbang" }))).replies[0]!.text).toContain("/terbang tidak saya kenal");
    expect((await send(app, u.msg({}))).replies[0]!.text).toContain("hanya bisa membaca pesan teks");
  });
});

describe("language", () => {
  it("'english please' switches to English, and the choice survives a restart of the service", async () => {
    const u = user();
    const app = startService();
    await send(app, u.msg({ text: "/start" }));
    const switched = await send(app, u.msg({ text: "english please" }));
    expect(switched.replies[0]!.text).toBe("OK, I will answer in English.");
    // Adapters word their own chrome (WhatsApp's "Reply 1, 2 or 3") from this.
    expect(switched.body.locale).toBe("en");
    const restarted = startService();
    const reply = await send(restarted, u.msg({ text: "do you have bumi manusia?" }));
    expect(reply.replies[0]!.text).toContain("results for “bumi manusia”");
    const back = await send(restarted, u.msg({ text: "/bahasa" }));
    expect(back.replies[0]!.buttons?.map((b) => b.payload)).toEqual(["lang:id", "lang:en"]);
    await send(restarted, u.msg({ text: "1" }));
    expect((await lib.db.patron.findFirst({ where: { channelUserId: u.userId } }))!.locale).toBe("id");
  });

  it("a new Telegram user whose app is in English is answered in English from the first message", async () => {
    const u = user();
    const { replies } = await send(startService(), u.msg({ text: "/start", locale: "en-GB" }));
    expect(replies[0]!.text).toContain("the library's chat assistant");
  });
});

describe("state in PostgreSQL", () => {
  it("the current results survive a restart: 'next' still pages the search made before it", async () => {
    const u = user();
    const before = await send(startService(), u.msg({ text: "andrea hirata" }));
    const next = before.replies.flatMap((r) => r.buttons ?? []).find((b) => b.payload.startsWith("page:"))!;
    const after = await send(startService(), u.msg({ payload: next.payload }));
    expect(after.replies[0]!.edit).toBe(true);
    expect(after.replies[0]!.text).toContain("(4–4)");
  });
});

describe("privacy", () => {
  it("/dataku shows what is stored; /hapusdata deletes state, message log and suggestions only after the confirmation button", async () => {
    const app = startService();
    const u = user();
    await send(app, u.msg({ text: "/start", displayName: "Yohanes" }));
    await send(app, u.msg({ text: "ada buku harry potter?" }));
    await send(app, u.msg({ payload: "buy" }));
    const data = await send(app, u.msg({ text: "/dataku" }));
    expect(data.replies[0]!.text).toContain("Yohanes");
    expect(data.replies[0]!.text).toContain("Pencarian terakhir: “harry potter”");
    expect(data.replies[0]!.text).toContain("Usulan buku: “harry potter”");
    expect(data.replies[0]!.text).toMatch(/Riwayat pesan: \d+ pesan/);

    const ask = await send(app, u.msg({ text: "/hapusdata" }));
    expect(ask.replies[0]!.buttons?.map((b) => b.payload)).toEqual(["forget:yes", "forget:no"]);
    // Something else in between cancels the pending question.
    await send(app, u.msg({ text: "jam buka" }));
    await send(app, u.msg({ text: "ya" }));
    expect((await patronRows("telegram", u.userId)).patron).not.toBeNull();

    await send(app, u.msg({ text: "/hapusdata" }));
    const done = await send(app, u.msg({ payload: "forget:yes" }));
    expect(done.replies[0]!.text).toContain("sudah dihapus");
    const rows = await patronRows("telegram", u.userId);
    expect(rows).toEqual({ patron: null, state: 0, messages: 0, suggestions: 0, processed: 0 });
    expect(await lib.db.messageLog.count({ where: { text: { contains: "harry potter" }, patron: { channelUserId: u.userId } } })).toBe(0);
  });

  it("/hapusdata on WhatsApp also removes the record that the person wrote to us, under either of their addresses", async () => {
    const app = startService();
    const u = user("whatsapp");
    const other = user("whatsapp");
    await lib.db.whatsAppContact.createMany({ data: [{ jid: u.userId, altJid: "628123@s.whatsapp.net" }, { jid: "628999@s.whatsapp.net", altJid: u.userId }, { jid: other.userId }] });
    await send(app, u.msg({ text: "halo" }));
    await send(app, u.msg({ text: "/hapusdata" }));
    const done = await send(app, u.msg({ payload: "forget:yes" }));
    expect(done.replies[0]!.text).toContain("sudah dihapus");
    expect((await patronRows("whatsapp", u.userId)).patron).toBeNull();
    expect((await lib.db.whatsAppContact.findMany({ select: { jid: true } })).map((c) => c.jid)).toEqual([other.userId]);
  });

  it("'batal' keeps the data", async () => {
    const app = startService();
    const u = user("whatsapp");
    await send(app, u.msg({ text: "halo" }));
    await send(app, u.msg({ text: "hapus data saya" }));
    const kept = await send(app, u.msg({ text: "batal" }));
    expect(kept.replies[0]!.text).toContain("tidak dihapus");
    expect((await patronRows("whatsapp", u.userId)).patron).not.toBeNull();
  });
});

describe("limits", () => {
  it("a user who writes too fast gets a friendly 'pelan-pelan ya', not silence, and other users are not affected", async () => {
    const app = startService({ RATE_LIMIT_MESSAGES: "3", RATE_LIMIT_WINDOW_SECONDS: "60" });
    const fast = user();
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push((await send(app, fast.msg({ text: "laskar pelangi" }))).replies.at(-1)!.text);
    expect(replies.slice(0, 3).every((t) => t.includes("Laskar Pelangi"))).toBe(true);
    expect(replies[3]).toContain("Pelan-pelan ya");
    expect(replies[4]).toContain("Pelan-pelan ya");
    const calm = user();
    expect((await send(app, calm.msg({ text: "laskar pelangi" }))).replies.at(-1)!.text).toContain("Laskar Pelangi");
    clock.advance(61_000);
    expect((await send(app, fast.msg({ text: "laskar pelangi" }))).replies.at(-1)!.text).toContain("Laskar Pelangi");
  });

  it("a message over 1,000 characters is answered politely and not processed or stored", async () => {
    const app = startService();
    const u = user();
    await send(app, u.msg({ text: "/start" }));
    await lib.catalogue.flush();
    const searchesBefore = await lib.db.searchLog.count();
    const long = "laskar pelangi ".repeat(70);
    const { replies } = await send(app, u.msg({ text: long }));
    expect(replies[0]!.text).toContain("terlalu panjang");
    await lib.catalogue.flush();
    expect(await lib.db.searchLog.count()).toBe(searchesBefore);
    const patron = (await patronRows("telegram", u.userId)).patron!;
    const logged = await lib.db.messageLog.findMany({ where: { patronId: patron.id, direction: "in" }, orderBy: { id: "desc" }, take: 1 });
    expect(logged[0]!.text).toBe(`[${long.length} characters, not processed]`);
    // 1,000 emoji are 1,000 characters, not 2,000 UTF-16 units.
    const emoji = await send(app, u.msg({ text: "📚".repeat(1000) }));
    expect(emoji.replies[0]!.text).not.toContain("terlalu panjang");
  });
});

describe("retention", () => {
  it("the purge job deletes messages older than MESSAGE_RETENTION_DAYS and keeps newer ones", async () => {
    const app = startService();
    const u = user();
    clock.set("2026-08-01T02:00:00Z");
    await send(app, u.msg({ text: "laskar pelangi" }));
    clock.set("2026-11-20T02:00:00Z");
    await send(app, u.msg({ text: "bumi manusia" }));
    const job = startPurgeJob({ db: lib.db, config: lib.config({ MESSAGE_RETENTION_DAYS: "90" }), log: lib.log, clock, schedule: false });
    const result = await job.runOnce();
    await job.stop();
    expect(result.messages).toBeGreaterThanOrEqual(2);
    const patron = (await patronRows("telegram", u.userId)).patron!;
    const left = await lib.db.messageLog.findMany({ where: { patronId: patron.id }, orderBy: { id: "asc" } });
    expect(left[0]!.text).toBe("bumi manusia");
    expect(left.every((m) => m.createdAt >= new Date("2026-08-23T00:00:00Z"))).toBe(true);
  });

  it("delivered and failed outbox items (answer texts, phone numbers) go after the retention period; waiting ones stay", async () => {
    const item = (recipient: string, status: "sent" | "failed" | "pending" | "held", updatedAt: string) =>
      lib.db.outbox.create({ data: { channel: "whatsapp", recipient, payload: { replies: [{ text: "Jawaban pustakawan" }] }, status, updatedAt: new Date(updatedAt) } });
    await item("6281200000001@s.whatsapp.net", "sent", "2026-07-01T00:00:00Z");
    await item("6281200000002@s.whatsapp.net", "failed", "2026-07-01T00:00:00Z");
    await item("6281200000003@s.whatsapp.net", "held", "2026-07-01T00:00:00Z");
    await item("6281200000004@s.whatsapp.net", "sent", "2026-11-19T00:00:00Z");
    clock.set("2026-11-20T02:00:00Z");
    const job = startPurgeJob({ db: lib.db, config: lib.config({ MESSAGE_RETENTION_DAYS: "90" }), log: lib.log, clock, schedule: false });
    const result = await job.runOnce();
    await job.stop();
    expect(result.outbox).toBe(2);
    const left = await lib.db.outbox.findMany({ where: { recipient: { startsWith: "62812000000" } }, orderBy: { recipient: "asc" } });
    expect(left.map((o) => o.recipient)).toEqual(["6281200000003@s.whatsapp.net", "6281200000004@s.whatsapp.net"]);
  });
});
