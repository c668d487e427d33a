// A Telegram resident asks a librarian, end to end: the fake Bot API (long polling) -> the real bot
// and engine -> a ticket -> the librarian logs in to the dashboard in a real browser served on
// 127.0.0.1, claims and answers -> the bot's real outbox worker delivers the answer and then the
// rating question -> the resident presses 4 -> the reports page shows it. And the answer waiting in
// the outbox while Telegram is down, sent once when it is back.
import type { Message, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessConnection, prepareTelegram, type TelegramService } from "../../bot/telegram/telegram-service.js";
import { startFakeBotApi, type FakeBotApi, type FakeCall } from "../fakes/telegram-bot-api.js";
import { RESIDENT } from "../fakes/telegram-updates.js";
import { browserSkipReason } from "../support/browser.js";
import { addLibrarian, dashboardIn, openBrowser, SERVICE_TOKEN, startLibraryService, type Librarian, type LibraryService } from "./librarian-journey.js";
import { buttonsOf, eventually } from "./telegram-harness.js";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

/** A second resident, for the outage story. */
const YOHANES: User = { id: 5550077, is_bot: false, first_name: "Yohanes", language_code: "id" };

describe.skipIf(skipReason !== null)("asking a librarian from Telegram, answered in the dashboard", () => {
  let fake: FakeBotApi;
  let svc: LibraryService;
  let telegram: TelegramService;
  let librarian: Librarian;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let dash: ReturnType<typeof dashboardIn>;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    // Long polling, and the outbox worker polls every second as it would every TELEGRAM_OUTBOX_POLL_SECONDS.
    // Retries wait ten minutes: nothing is retried unless the test moves the outbox clock.
    svc = await startLibraryService({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_OUTBOX_POLL_SECONDS: "1", OUTBOX_RETRY_BASE_SECONDS: "600" });
    telegram = prepareTelegram({ config: svc.config, log: svc.library.log, connection: inProcessConnection(() => svc.app, SERVICE_TOKEN) })!;
    await telegram.start();
    librarian = await addLibrarian(svc, "ani@perpus.example", "Ani");
    browser = await openBrowser();
    dash = dashboardIn(browser.page, svc.url);
  });

  afterAll(async () => {
    await browser?.close();
    await telegram?.stop();
    await fake?.close();
    await svc?.close();
  });

  const db = () => svc.library.tdb.db;
  const shownTo = (user: User, call: FakeCall) => (call.method === "sendMessage" || call.method === "editMessageText") && Number(call.params.chat_id) === user.id;

  /** The resident writes; resolves with the bot's message to them that matches. */
  async function say(user: User, text: string, match: RegExp): Promise<FakeCall> {
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.privateText(text, user));
    return fake.waitForCall((c) => shownTo(user, c) && match.test(c.visibleText ?? ""), { since });
  }

  /** The resident presses the button labelled `label` under `message`; resolves with the bot's answer that matches. */
  async function press(user: User, message: FakeCall, label: string, match: RegExp): Promise<FakeCall> {
    const button = buttonsOf(message.params).find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(buttonsOf(message.params).map((b) => b.text))}`);
    const since = fake.calls.length;
    fake.pushUpdate(fake.updates.callbackQuery(button.callback_data, message.result as Message, user));
    return fake.waitForCall((c) => shownTo(user, c) && match.test(c.visibleText ?? ""), { since });
  }

  /** 'tanya pustakawan', the question, [Kirim ke pustakawan]: returns the ticket number the bot replied with. */
  async function askLibrarian(user: User, question: string): Promise<number> {
    await say(user, "tanya pustakawan", /Tulis pertanyaan Anda untuk pustakawan/);
    const draft = await say(user, question, new RegExp(question.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const sent = await press(user, draft, "📨 Kirim ke pustakawan", /Nomor tiket: #\d+/);
    return Number(/Nomor tiket: #(\d+)/.exec(sent.visibleText!)![1]);
  }

  const sentTo = (user: User, since: number, match: RegExp) => fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok && Number(c.params.chat_id) === user.id && match.test(c.visibleText ?? ""));

  it("a resident asks on Telegram, the librarian claims and answers in the browser, Telegram receives the answer and then the rating question, and the rating 4 shows in the reports", async () => {
    const question = "Apakah koran Pos Kupang tahun 1998 bisa dibaca di perpustakaan?";
    const ticketId = await askLibrarian(RESIDENT, question);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ channel: "telegram", recipient: String(RESIDENT.id), status: "open", question });

    await dash.login(librarian);
    const row = await dash.findInQueue(ticketId, question, "telegram-queue");
    expect(row).toContain("telegram");

    const since = fake.calls.length;
    const answer = "Bisa, Kak Sari. Arsip <Pos Kupang> 1998 ada di ruang referensi lantai 2 & bisa dibaca Senin–Jumat 08.00–15.00.";
    await dash.claimAndAnswer(ticketId, question, answer, "telegram-ticket");
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ status: "answered" });

    // The worker delivers on its own: the answer (shown as text, never as markup), then the rating question.
    const delivered = await fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id && /ruang referensi lantai 2/.test(c.visibleText ?? ""), { since });
    expect(delivered.visibleText).toContain(answer);
    const ratingQuestion = await fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id && /Seberapa membantu/.test(c.visibleText ?? ""), { since });
    expect(ratingQuestion.visibleText).toContain(`#${ticketId}`);
    expect(fake.calls.indexOf(delivered)).toBeLessThan(fake.calls.indexOf(ratingQuestion));
    expect(buttonsOf(ratingQuestion.params).map((b) => b.text)).toEqual(["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]);

    const thanks = await press(RESIDENT, ratingQuestion, "4 ⭐", /penilaian 4/);
    expect(thanks.visibleText).toContain("Terima kasih");
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ rating: 4 });
    // Each message went out once, and nothing is left waiting.
    expect(sentTo(RESIDENT, since, /ruang referensi lantai 2/)).toHaveLength(1);
    expect(sentTo(RESIDENT, since, /Seberapa membantu/)).toHaveLength(1);
    expect(await db().outbox.findMany({ where: { recipient: String(RESIDENT.id) }, select: { status: true } })).toEqual([{ status: "sent" }, { status: "sent" }]);

    const ratings = await dash.ratings();
    expect(ratings.average).toBe("4.00 dari 5 (1 penilaian)");
    expect(ratings.perStar).toEqual([0, 0, 0, 1, 0]);
  });

  it("the librarian's answer waits while Telegram is down and arrives once when it is back", async () => {
    const question = "Apakah ruang komputer buka hari Sabtu?";
    const ticketId = await askLibrarian(YOHANES, question);
    const recipient = String(YOHANES.id);
    const items = () => db().outbox.findMany({ where: { recipient }, orderBy: { id: "asc" } });

    fake.outage("sendMessage", { code: 502, description: "Bad Gateway" });
    const since = fake.calls.length;
    const answer = "Buka, Kak Yohanes: Sabtu 09.00–14.00 di lantai 1.";
    await dash.login(librarian);
    await dash.claimAndAnswer(ticketId, question, answer, "telegram-outage-ticket");

    // The running worker tried both messages (answer and rating question) and gave them back for later.
    const failedOnce = await eventually(async () => {
      const rows = await items();
      return rows.length === 2 && rows.every((r) => r.attempts === 1 && r.leasedUntil === null && r.error !== null) ? rows : null;
    }, "the first failed delivery");
    for (const row of failedOnce) expect(row).toMatchObject({ status: "pending", error: "502: Bad Gateway", sentAt: null });
    expect(sentTo(YOHANES, since, /./)).toHaveLength(0);

    // Still down at the retry time: tried again, and put off again.
    svc.advanceOutboxClock(svc.config.OUTBOX_RETRY_MAX_SECONDS * 1000);
    await telegram.outbox.deliverDue();
    const failedTwice = await items();
    expect(failedTwice).toHaveLength(2);
    for (const [i, row] of failedTwice.entries()) {
      expect(row).toMatchObject({ status: "pending", attempts: 2, error: "502: Bad Gateway", sentAt: null });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(failedOnce[i]!.nextAttemptAt.getTime());
    }
    expect(sentTo(YOHANES, since, /./)).toHaveLength(0);

    // Telegram is back: at the next retry both go out, the answer first, once each.
    fake.outage("sendMessage", null);
    svc.advanceOutboxClock(svc.config.OUTBOX_RETRY_MAX_SECONDS * 1000);
    await telegram.outbox.deliverDue();
    await telegram.outbox.deliverDue();
    expect(await items()).toMatchObject([
      { status: "sent", attempts: 3, error: null },
      { status: "sent", attempts: 3, error: null },
    ]);
    const delivered = sentTo(YOHANES, since, /./);
    expect(delivered.map((c) => c.visibleText)).toEqual([`💬 Jawaban pustakawan (tiket #${ticketId}):\n\n${answer}`, expect.stringContaining(`Seberapa membantu jawaban untuk tiket #${ticketId}`)]);
    const refused = fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.errorCode === 502 && Number(c.params.chat_id) === YOHANES.id);
    expect(refused).toHaveLength(4);
  });
});
