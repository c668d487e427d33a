// A resident on Telegram, end to end in long-polling mode: fake Bot API -> grammY runner -> the
// adapter -> POST /v1/messages (in-process) -> dialog engine -> PostgreSQL + Meilisearch with the
// demo catalogue -> replies -> Bot API calls recorded by the fake.
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../api/config.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { GROUP_CHAT, RESIDENT, VISITOR, type TgUser } from "../fakes/telegram-updates.js";
import { buttonsOf, eventually, startTelegramHarness, type TelegramHarness } from "./telegram-harness.js";

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness({ webhook: false });
});

afterAll(async () => {
  await h?.close();
});

/** Pushes a private message and returns the bot's sendMessage whose text matches (a first contact also gets a welcome). */
async function say(text: string, match: RegExp, from: TgUser = RESIDENT) {
  const since = h.fake.calls.length;
  h.fake.pushUpdate(h.fake.updates.privateText(text, from));
  return h.fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === from.id && match.test(c.visibleText ?? ""), { since });
}

describe("Telegram, long polling, against the real engine", () => {
  it("starts polling with the command menus set", async () => {
    await eventually(() => h.fake.calls.some((c) => c.method === "getUpdates"), "getUpdates");
    expect(h.fake.webhook()).toBeNull();
    expect(h.fake.commands("id")?.length).toBeGreaterThan(3);
    expect(h.fake.commands("en")?.length).toBeGreaterThan(3);
  });

  it("answers 'ada buku laskar pelangi gak?' with the book, where it is available, and buttons", async () => {
    const sent = await say("ada buku laskar pelangi gak?", /hasil untuk/);
    expect(sent.params.parse_mode).toBe("HTML");
    expect(sent.visibleText).toContain("Laskar Pelangi");
    expect(sent.visibleText).toMatch(/Laskar Pelangi \(2005\)[^]*Tersedia: [^\n]*Oebobo/);
    expect(String(sent.params.text)).toContain("<b>");
    const buttons = buttonsOf(sent.params);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((b) => Buffer.byteLength(b.callback_data) <= 64)).toBe(true);
  });

  it("pages by editing the results message and answers the button press", async () => {
    const first = await say("novel andrea hirata", /hasil untuk/);
    const next = buttonsOf(first.params).find((b) => /Berikutnya/.test(b.text));
    expect(next, "a next-page button").toBeDefined();
    const since = h.fake.calls.length;
    const press = h.fake.updates.callbackQuery(next!.callback_data, first.result as Message);
    h.fake.pushUpdate(press);
    const edit = await h.fake.waitForCall((c) => c.method === "editMessageText", { since });
    expect(edit.params).toMatchObject({ chat_id: RESIDENT.id, message_id: (first.result as Message).message_id, parse_mode: "HTML" });
    expect(edit.visibleText).not.toBe(first.visibleText);
    expect(buttonsOf(edit.params).some((b) => /Sebelumnya/.test(b.text))).toBe(true);
    await h.fake.waitForCall((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === press.callback_query!.id, { since });
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id)).toHaveLength(0);
  });

  it("answers an inline query with catalogue results", async () => {
    const since = h.fake.calls.length;
    const update = h.fake.updates.inlineQuery("laskar");
    h.fake.pushUpdate(update);
    const answer = await h.fake.waitForCall((c) => c.method === "answerInlineQuery", { since });
    const results = answer.params.results as { title: string; input_message_content: { message_text: string } }[];
    expect(answer.params.inline_query_id).toBe(update.inline_query!.id);
    expect(results.map((r) => r.title)).toContain("Laskar Pelangi (2005)");
    expect(Number(answer.params.cache_time)).toBeLessThanOrEqual(30);
  });

  it("stays quiet in a group unless mentioned or commanded", async () => {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(h.fake.updates.groupText("ada buku laskar pelangi gak?"));
    const mention = h.fake.updates.groupText(`@${h.fake.me.username} ada buku laskar pelangi gak?`);
    h.fake.pushUpdate(mention);
    const sent = await h.fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === GROUP_CHAT.id, { since });
    expect(sent.visibleText).toContain("Laskar Pelangi");
    expect(sent.params.reply_parameters).toMatchObject({ message_id: mention.message!.message_id });
    const command = h.fake.updates.groupText(`/bantuan@${h.fake.me.username}`);
    h.fake.pushUpdate(command);
    await h.fake.waitForCall((c) => c.method === "sendMessage" && (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === command.message!.message_id, { since });
    // Only the mention and the command were answered; the plain group message was not.
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === GROUP_CHAT.id)).toHaveLength(2);
  });

  it("gives a sticker a short reply", async () => {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(h.fake.updates.sticker(VISITOR));
    // A first contact is welcomed first; then the sticker is answered, briefly.
    const sent = await h.fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === VISITOR.id && /text/i.test(c.visibleText ?? ""), { since });
    expect(sent.visibleText!.length).toBeLessThan(200);
  });

  it("retries sendMessage after 429 Too Many Requests", async () => {
    h.fake.failNext("sendMessage", { code: 429, retryAfter: 1 });
    const since = h.fake.calls.length;
    h.fake.pushUpdate(h.fake.updates.privateText("sang pemimpi"));
    const sent = await h.fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id, { since });
    expect(sent.visibleText).toContain("Sang Pemimpi");
    const attempts = h.fake.calls.slice(since).filter((c) => c.method === "sendMessage");
    expect(attempts[0]!.errorCode).toBe(429);
  });

  it("deletes the resident's rows after /hapusdata and the confirm button", async () => {
    const userId = String(RESIDENT.id);
    const patron = await h.tdb.db.patron.findFirst({ where: { channel: "telegram", channelUserId: userId } });
    expect(patron).not.toBeNull();
    expect(await h.tdb.db.messageLog.count({ where: { patronId: patron!.id } })).toBeGreaterThan(0);

    const ask = await say("/hapusdata", /Hapus semua data/);
    const confirm = buttonsOf(ask.params).find((b) => /hapus/i.test(b.text));
    expect(confirm, "a confirm button").toBeDefined();
    const since = h.fake.calls.length;
    h.fake.pushUpdate(h.fake.updates.callbackQuery(confirm!.callback_data, ask.result as Message));
    await h.fake.waitForCall((c) => c.method === "answerCallbackQuery", { since });
    await h.fake.waitForCall((c) => (c.method === "editMessageText" || c.method === "sendMessage") && /dihapus/.test(c.visibleText ?? ""), { since });

    expect(await h.tdb.db.patron.count({ where: { channel: "telegram", channelUserId: userId } })).toBe(0);
    expect(await h.tdb.db.messageLog.count({ where: { patronId: patron!.id } })).toBe(0);
    expect(await h.tdb.db.conversationState.count({ where: { patronId: patron!.id } })).toBe(0);
  });

  it("handles an update delivered twice in one batch once", async () => {
    const update = h.fake.updates.privateText("orang-orang biasa", VISITOR);
    const since = h.fake.calls.length;
    h.fake.pushUpdate(update);
    h.fake.pushUpdate(structuredClone(update));
    await h.fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === VISITOR.id && /Orang-Orang Biasa/.test(c.visibleText ?? ""), { since });
    // A later message proves the duplicate had its chance to be (wrongly) answered first.
    await say("edensor", /Edensor/, VISITOR);
    const answers = h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok && /Orang-Orang Biasa \(2019\)/.test(c.visibleText ?? ""));
    expect(answers).toHaveLength(1);
  });

  it("delivers a later message from the outbox once, and never to someone who did not write first", async () => {
    const outbox = createOutboxServiceFromConfig(h.tdb.db, loadConfig({}));
    const answer = { replies: [{ text: "Jawaban pustakawan: *Laskar Pelangi* ada di rak 899 & siap dipinjam.", buttons: [{ label: "Terima kasih", payload: "thanks" }] }] };
    const toVisitor = await outbox.enqueue({ channel: "telegram", recipient: String(VISITOR.id), payload: answer });
    const toStranger = await outbox.enqueue({ channel: "telegram", recipient: "5559999", payload: answer });
    const since = h.fake.calls.length;
    await h.telegram.outbox.deliverDue();
    const sent = h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params.chat_id).toBe(VISITOR.id);
    expect(sent[0]!.visibleText).toBe("Jawaban pustakawan: Laskar Pelangi ada di rak 899 & siap dipinjam.");
    expect(buttonsOf(sent[0]!.params).map((b) => b.text)).toEqual(["Terima kasih"]);
    expect(await h.tdb.db.outbox.findUniqueOrThrow({ where: { id: toVisitor.id } })).toMatchObject({ status: "sent" });
    expect(await h.tdb.db.outbox.findUniqueOrThrow({ where: { id: toStranger.id } })).toMatchObject({ status: "failed", error: expect.stringMatching(/403/) });
    await h.telegram.outbox.deliverDue();
    expect(h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok)).toHaveLength(1);
  });

  it("retries an outbox item when Telegram fails, and sends it once it works", async () => {
    const outbox = createOutboxServiceFromConfig(h.tdb.db, loadConfig({}));
    const item = await outbox.enqueue({ channel: "telegram", recipient: String(VISITOR.id), payload: { replies: [{ text: "Pengingat: pelajaran hoaks menunggu." }] } });
    // A 400 is not retried inside the call (5xx and 429 are, by auto-retry): the service retries the item.
    h.fake.failNext("sendMessage", { code: 400, description: "Bad Request: something went wrong" });
    await h.telegram.outbox.deliverDue();
    const failed = await h.tdb.db.outbox.findUniqueOrThrow({ where: { id: item.id } });
    expect(failed).toMatchObject({ status: "pending", attempts: 1, error: expect.stringMatching(/something went wrong/) });
    // Due again now (the backoff has passed), and Telegram answers again.
    await h.tdb.db.outbox.update({ where: { id: item.id }, data: { nextAttemptAt: new Date() } });
    await h.telegram.outbox.deliverDue();
    expect(await h.tdb.db.outbox.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "sent" });
  });

  it("never logs what residents wrote", () => {
    expect(h.log.text()).not.toMatch(/laskar pelangi gak|andrea hirata|hapusdata/i);
    expect(h.log.text()).not.toContain(h.fake.token);
  });
});
