// The Telegram adapter at its boundary: a real grammY bot long-polling the fake Bot API server,
// with a stand-in for the service API (the e2e tests use the real engine). Covers rendering,
// keyboards, edits, uploads, retries, duplicates, groups and unsupported content.
import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SearchResult } from "../../api/catalogue/types.js";
import type { InboundMessage, Reply } from "../../api/dialog/reply.js";
import type { ApiClient, CatalogueQuery } from "../../bot/client.js";
import { createTelegramBot, type TelegramBot } from "../../bot/telegram/create-telegram-bot.js";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegram-bot-api.js";
import { GROUP_CHAT, RESIDENT } from "../fakes/telegram-updates.js";
import { memoryLogger } from "../support/silent-logger.js";

type Engine = (m: InboundMessage) => Reply[] | Promise<Reply[]>;

function stubClient() {
  const received: InboundMessage[] = [];
  const searches: CatalogueQuery[] = [];
  let engine: Engine = () => [{ text: "ok" }];
  let search: (q: CatalogueQuery) => SearchResult = () => ({ hits: [], total: 0, page: 1, facets: {}, degraded: false });
  const client: ApiClient = {
    async postMessage(m) {
      received.push(m);
      return { replies: await engine(m) };
    },
    async searchCatalogue(q) {
      searches.push(q);
      return search(q);
    },
  };
  return {
    client,
    received,
    searches,
    answer(fn: Engine) {
      engine = fn;
    },
    searchWith(fn: (q: CatalogueQuery) => SearchResult) {
      search = fn;
    },
  };
}

const RESULTS: Reply = {
  text: "*Laskar Pelangi* — Andrea Hirata (2005)\nTersedia di Oebobo & Kota <2>",
  buttons: [
    { label: "Detail", payload: "details:1" },
    { label: "Berikutnya ▶", payload: "search:page:2" },
  ],
};

describe("Telegram adapter against the fake Bot API", () => {
  let fake: FakeBotApi;
  let stub: ReturnType<typeof stubClient>;
  let bot: TelegramBot;
  const log = memoryLogger();

  beforeAll(async () => {
    fake = await startFakeBotApi();
    stub = stubClient();
    bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, client: stub.client, log, typingAfterMs: 60_000 });
    await bot.start();
  });

  afterEach(() => {
    stub.answer(() => [{ text: "ok" }]);
  });

  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });

  it("sets the command menus for id and en at start and polls (no webhook)", async () => {
    await waitUntil(() => fake.calls.some((c) => c.method === "getUpdates"));
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(["getMe", "setMyCommands", "deleteWebhook", "getUpdates"]));
    expect(fake.commands("id")?.map((c) => c.command)).toContain("hapusdata");
    expect(fake.commands("en")?.find((c) => c.command === "deletedata")?.description).toBe("Delete my data");
    expect(fake.commands("")).toEqual(fake.commands("id"));
  });

  it("answers a private message with escaped HTML and an inline keyboard", async () => {
    stub.answer(() => [RESULTS]);
    const since = fake.calls.length;
    const update = fake.updates.privateText("ada buku laskar pelangi gak?");
    fake.pushUpdate(update);
    const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
    expect(sent.params).toMatchObject({
      chat_id: RESIDENT.id,
      parse_mode: "HTML",
      text: "<b>Laskar Pelangi</b> — Andrea Hirata (2005)\nTersedia di Oebobo &amp; Kota &lt;2&gt;",
      reply_markup: { inline_keyboard: [[{ text: "Detail", callback_data: "details:1" }, { text: "Berikutnya ▶", callback_data: "search:page:2" }]] },
    });
    expect(sent.visibleText).toContain("Oebobo & Kota <2>");
    expect(stub.received.at(-1)).toMatchObject({ channel: "telegram", userId: String(RESIDENT.id), text: "ada buku laskar pelangi gak?", locale: "id", messageId: `${fake.me.id}:${update.update_id}` });
  });

  it("edits the pressed message for paging and answers the callback once", async () => {
    stub.answer(() => [RESULTS]);
    let since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("laskar"));
    const shown = (await fake.waitForCall((c) => c.method === "sendMessage", { since })).result as Message;

    stub.answer((m) => [{ text: `Halaman 2 untuk ${m.payload}`, buttons: [{ label: "◀", payload: "search:page:1" }], edit: true }]);
    since = fake.calls.length;
    const press = fake.updates.callbackQuery("search:page:2", shown);
    fake.pushUpdate(press);
    const edit = await fake.waitForCall((c) => c.method === "editMessageText", { since });
    expect(edit.params).toMatchObject({ chat_id: RESIDENT.id, message_id: shown.message_id, text: "Halaman 2 untuk search:page:2" });
    await fake.waitForCall((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === press.callback_query!.id, { since });
    expect(stub.received.at(-1)).toMatchObject({ payload: "search:page:2", userId: String(RESIDENT.id) });
    expect(fake.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(0);
    expect(fake.calls.slice(since).filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);

    // Pressing the same page again changes nothing: Telegram's "not modified" is not an error.
    since = fake.calls.length;
    fake.pushUpdate(fake.updates.callbackQuery("search:page:2", fake.message(RESIDENT.id, shown.message_id)!));
    await fake.waitForCall((c) => c.method === "answerCallbackQuery", { since });
    await waitUntil(() => fake.calls.slice(since).some((c) => c.method === "editMessageText"));
    expect(fake.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(0);
  });

  it("keeps long payloads behind short callback data and resolves them on press", async () => {
    const longPayload = `search:${"q=novel sejarah indonesia timur;".repeat(4)}page=2`;
    stub.answer(() => [{ text: "hasil", buttons: [{ label: "Lanjut", payload: longPayload }] }]);
    let since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("novel sejarah"));
    const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
    const data = (sent.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);

    stub.answer(() => [{ text: "halaman 2", edit: true }]);
    since = fake.calls.length;
    fake.pushUpdate(fake.updates.callbackQuery(data, sent.result as Message));
    await fake.waitForCall((c) => c.method === "editMessageText", { since });
    expect(stub.received.at(-1)?.payload).toBe(longPayload);
  });

  it("answers an expired button without bothering the engine", async () => {
    const before = stub.received.length;
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.callbackQuery("#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", lastSent(fake)));
    const answer = await fake.waitForCall((c) => c.method === "answerCallbackQuery", { since });
    expect(answer.params.text).toMatch(/kedaluwarsa/);
    expect(stub.received.length).toBe(before);
  });

  it("lets the engine answer a sticker or a photo without caption, and answers an edit itself", async () => {
    stub.answer((m) => [{ text: m.text === undefined && m.payload === undefined ? "hanya teks" : "?" }]);
    for (const update of [fake.updates.sticker(), fake.updates.photo()]) {
      const since = fake.calls.length;
      fake.pushUpdate(update);
      const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
      expect(sent.visibleText).toBe("hanya teks");
      expect(stub.received.at(-1)).toMatchObject({ userId: String(RESIDENT.id), messageId: `${fake.me.id}:${update.update_id}` });
    }
    const before = stub.received.length;
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.editedMessage("ralat: laskar"));
    const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
    expect(sent.visibleText).toMatch(/diedit/);
    expect(stub.received.length).toBe(before);
  });

  it("says the service is unavailable when the engine fails, and still answers button presses", async () => {
    stub.answer(() => {
      throw new Error("connection refused");
    });
    let since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("laskar"));
    const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
    expect(sent.visibleText).toMatch(/layanan sedang terganggu/);

    since = fake.calls.length;
    const press = fake.updates.callbackQuery("search:page:3", sent.result as Message);
    fake.pushUpdate(press);
    const answer = await fake.waitForCall((c) => c.method === "answerCallbackQuery", { since });
    expect(answer.params).toMatchObject({ callback_query_id: press.callback_query!.id, text: expect.stringMatching(/terganggu/) });
  });

  it("retries sendMessage after 429 (retry_after) and after a 500", async () => {
    stub.answer(() => [{ text: "setelah antre" }]);
    fake.failNext("sendMessage", { code: 429, retryAfter: 1 });
    fake.failNext("sendMessage", { code: 500 });
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("laskar"));
    const sent = await fake.waitForCall((c) => c.method === "sendMessage" && c.visibleText === "setelah antre", { since });
    const attempts = fake.calls.slice(since).filter((c) => c.method === "sendMessage");
    expect(attempts.map((c) => c.errorCode ?? 200)).toEqual([429, 500, 200]);
    expect(sent.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("handles the same update_id once", async () => {
    stub.answer(() => [{ text: "sekali saja" }]);
    const update = fake.updates.privateText("laskar");
    const before = stub.received.length;
    const since = fake.calls.length;
    await Promise.all([bot.handleUpdate(update), bot.handleUpdate(structuredClone(update))]);
    await bot.handleUpdate(update);
    expect(stub.received.length - before).toBe(1);
    expect(fake.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("splits a long reply under 4,096 characters with the keyboard on the last part", async () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}. *Buku ke-${i + 1}* oleh _Pengarang_`).join("\n");
    stub.answer(() => [{ text, buttons: [{ label: "Lagi", payload: "more" }] }]);
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("semua buku"));
    await fake.waitForCall((c) => c.method === "sendMessage" && Boolean(c.params.reply_markup), { since });
    const parts = fake.calls.slice(since).filter((c) => c.method === "sendMessage");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.ok && String(p.params.text).length <= 4096)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.params.reply_markup === undefined)).toBe(true);
    expect(parts.map((p) => p.visibleText).join("\n")).toContain("300. Buku ke-300 oleh Pengarang");
  });

  it("uploads documents and images from bytes", async () => {
    const ris = "TY  - BOOK\nTI  - Laskar Pelangi\nER  - \n";
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    stub.answer(() => [
      { text: "Daftar pustaka kamu (RIS)", document: { filename: "daftar-pustaka.ris", mimeType: "application/x-research-info-systems", base64: Buffer.from(ris).toString("base64") } },
      { text: "Sampul", image: { mimeType: "image/png", base64: png.toString("base64"), caption: "*Laskar Pelangi*" } },
    ]);
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText("ekspor ris"));
    const doc = await fake.waitForCall((c) => c.method === "sendDocument", { since });
    const file = Object.values(doc.files)[0]!;
    expect(file.filename).toBe("daftar-pustaka.ris");
    expect(file.bytes.toString()).toBe(ris);
    expect(doc.params).toMatchObject({ chat_id: String(RESIDENT.id), caption: "Daftar pustaka kamu (RIS)", parse_mode: "HTML" });
    const photo = await fake.waitForCall((c) => c.method === "sendPhoto", { since });
    expect(Object.values(photo.files)[0]!.bytes.equals(png)).toBe(true);
    expect(photo.params.caption).toBe("<b>Laskar Pelangi</b>");
    await fake.waitForCall((c) => c.method === "sendMessage" && c.visibleText === "Sampul", { since });
  });

  it("answers inline queries with catalogue results", async () => {
    stub.searchWith((q) => ({
      hits: [
        { id: 11, title: "Laskar Pelangi", subtitle: null, authors: ["Andrea Hirata"], year: 2005, publisher: "Bentang", isbn: null, callNumber: "899.221 HIR l", format: "book", ebookUrl: null, availability: [{ branch: "OEBOBO", branchName: "Oebobo", total: 2, available: 1, nextDue: null }] },
        { id: 12, title: "Sang Pemimpi <2>", subtitle: null, authors: ["Andrea Hirata"], year: 2006, publisher: null, isbn: null, callNumber: null, format: "book", ebookUrl: null, availability: [{ branch: "KOTA", branchName: "Kota", total: 1, available: 0, nextDue: "2026-12-03" }] },
      ],
      total: 25,
      page: q.page ?? 1,
      facets: {},
      degraded: false,
    }));
    const since = fake.calls.length;
    const update = fake.updates.inlineQuery("laskar");
    fake.pushUpdate(update);
    const answer = await fake.waitForCall((c) => c.method === "answerInlineQuery", { since });
    const results = answer.params.results as { id: string; title: string; description: string; input_message_content: { message_text: string } }[];
    expect(answer.params).toMatchObject({ inline_query_id: update.inline_query!.id, next_offset: "2" });
    expect(Number(answer.params.cache_time)).toBeLessThanOrEqual(30);
    expect(results.map((r) => r.title)).toEqual(["Laskar Pelangi (2005)", "Sang Pemimpi <2> (2006)"]);
    expect(results[0]!.description).toContain("Tersedia di Oebobo (1)");
    expect(results[1]!.description).toMatch(/kembali 3 Des 2026/);
    expect(results[1]!.input_message_content.message_text).toContain("<b>Sang Pemimpi &lt;2&gt;</b>");
    expect(stub.searches.at(-1)).toMatchObject({ q: "laskar", page: 1 });
  });

  it("in a group stays quiet unless mentioned or commanded, then quotes the asker", async () => {
    stub.answer(() => [{ text: "hasil grup" }]);
    const before = stub.received.length;
    fake.pushUpdate(fake.updates.groupText("ada buku laskar pelangi gak?"));
    const since = fake.calls.length;
    const mention = fake.updates.groupText(`@${fake.me.username} ada buku laskar pelangi gak?`);
    fake.pushUpdate(mention);
    const sent = await fake.waitForCall((c) => c.method === "sendMessage", { since });
    expect(sent.params).toMatchObject({ chat_id: GROUP_CHAT.id, reply_parameters: { message_id: mention.message!.message_id } });
    expect(stub.received.length - before).toBe(1);
    expect(stub.received.at(-1)?.text).toBe("ada buku laskar pelangi gak?");
  });

  it("never logs what residents wrote", () => {
    const text = log.text();
    expect(text).not.toMatch(/laskar|ekspor ris|ralat/i);
    expect(text).not.toContain(fake.token);
  });
});

describe("Telegram webhook mode", () => {
  it("registers the webhook with the secret token and the updates it handles", async () => {
    const fake = await startFakeBotApi();
    const bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, client: stubClient().client, log: memoryLogger() });
    await expect(bot.handleUpdate(fake.updates.privateText("terlalu cepat"))).rejects.toThrow(/not started/);
    await bot.start({ webhook: { url: "https://pustaka.example.org/telegram/webhook", secretToken: "s3cret-token_0123456789" } });
    expect(fake.webhook()).toEqual({ url: "https://pustaka.example.org/telegram/webhook", secretToken: "s3cret-token_0123456789", allowedUpdates: ["message", "edited_message", "callback_query", "inline_query"] });
    expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
    await bot.stop();
    await fake.close();
  });
});

function lastSent(fake: FakeBotApi): Message {
  const sent = [...fake.calls].reverse().find((c) => c.ok && c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id);
  if (!sent) throw new Error("no message sent to the resident yet");
  return sent.result as Message;
}

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
