// The Telegram staff group end to end: the real bot (prepareTelegram, as `npm start` wires it) long
// polling the fake Bot API on 127.0.0.1, the real app and ticket service on PostgreSQL. New tickets
// are posted to the group once; a linked librarian's reply answers the patron; an unlinked one is
// told to link first; nothing said in the staff group reaches the patron dialog engine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Chat, Message, User } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createAuditLog } from "../../api/inbox/audit-log.js";
import { createStaffTelegram, type StaffTelegram } from "../../api/inbox/staff-telegram.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { TicketService } from "../../api/inbox/ticket-types.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { inProcessConnection, prepareTelegram, type TelegramService } from "../../bot/telegram/telegram-service.js";
import { createSearchBackend } from "../../search/search-client.js";
import { startFakeBotApi, type FakeBotApi, type FakeCall } from "../fakes/telegram-bot-api.js";
import { GROUP_CHAT, RESIDENT } from "../fakes/telegram-updates.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TOKEN = "staff-group-bot-test-token-0123456789";
const STAFF_CHAT: Chat.SupergroupChat = { id: -1005550000001, title: "Pustakawan Kota Kupang", type: "supergroup", is_forum: undefined };
const ANI_TG: User = { id: 6660001, is_bot: false, first_name: "Ani", last_name: "Lado", language_code: "id" };
const STRANGER: User = { id: 6660009, is_bot: false, first_name: "Rudi", language_code: "id" };

let tdb: TestDatabase;
let fake: FakeBotApi;
let telegram: TelegramService;
let tickets: TicketService;
let links: StaffTelegram;
let dataDir: string;
let aniId: number;
/** Paths the bot asked the service for, in order. */
const requests: string[] = [];

const inStaffChat = (c: FakeCall) => c.method === "sendMessage" && Number(c.params.chat_id) === STAFF_CHAT.id;
const answering = (messageId: number) => (c: FakeCall) => inStaffChat(c) && (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId;
const engineCalls = () => requests.filter((p) => p.startsWith("/v1/messages")).length;

let patrons = 0;

/** A ticket from a patron of its own (one open ticket per patron), or from `recipient`. */
async function openTicket(question: string, recipient = String(5_560_000 + ++patrons)) {
  const patron = await tdb.db.patron.upsert({ where: { channel_channelUserId: { channel: "telegram", channelUserId: recipient } }, update: {}, create: { channel: "telegram", channelUserId: recipient } });
  return (await tickets.open({ patronId: patron.id, channel: "telegram", recipient, locale: "id", question, reason: "asked" })).ticket;
}

/** Opens a ticket and lets the poster post it; returns the ticket and the group post. */
async function postedTicket(question: string, recipient?: string): Promise<{ id: number; post: Message; recipient: string }> {
  const ticket = await openTicket(question, recipient);
  const since = fake.calls.length;
  expect(await telegram.staffGroup!.postPending()).toBe(1);
  const post = fake.calls.slice(since).find(inStaffChat)!.result as Message;
  return { id: ticket.id, post, recipient: recipient ?? "" };
}

/** A librarian's reply to a message in the staff group; resolves with the bot's answer to it. */
async function replyInGroup(text: string, from: User, to: Message): Promise<FakeCall> {
  const update = fake.updates.groupText(text, { chat: STAFF_CHAT, from, replyTo: to });
  fake.pushUpdate(update);
  return fake.waitForCall(answering(update.message!.message_id));
}

/** A private message to the bot; resolves with the bot's first message back. */
async function privateMessage(text: string, from: User): Promise<FakeCall> {
  const since = fake.calls.length;
  fake.pushUpdate(fake.updates.privateText(text, from));
  return fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === from.id, { since });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.branch.create({ data: { code: "PUSAT", name: "Perpustakaan Kota - Pusat", timezone: "Asia/Makassar", slaMinutes: 120 } });
  aniId = (await tdb.db.staff.create({ data: { email: "ani@perpus.test", name: "Ani", passwordHash: "x" } })).id;
  fake = await startFakeBotApi();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-staff-group-"));
  const config = loadConfig({
    SERVICE_TOKEN: TOKEN,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT.id),
    // The tests post and deliver explicitly; the loops only run their first pass.
    TELEGRAM_STAFF_POLL_SECONDS: "3600",
    TELEGRAM_OUTBOX_POLL_SECONDS: "3600",
    LOG_LEVEL: "silent",
  });
  const log = memoryLogger();
  const outbox = createOutboxServiceFromConfig(tdb.db, config);
  tickets = createTicketService({ db: tdb.db, outbox, log });
  links = createStaffTelegram({ db: tdb.db, audit: createAuditLog(tdb.db) });
  const app = createApp({ db: tdb.db, search: createSearchBackend({}), config, log, outbox, tickets, staffTelegram: links });
  const recording = () => ({
    request(input: string, init?: RequestInit) {
      requests.push(new URL(input, "http://in-process").pathname);
      return app.request(input, init);
    },
  });
  telegram = prepareTelegram({ config, log, connection: inProcessConnection(recording, TOKEN) })!;
  // Telegram lets the bot write to chats it is in and users who wrote first: make both known to the fake.
  fake.updates.groupText("selamat pagi", { chat: STAFF_CHAT, from: ANI_TG });
  fake.updates.privateText("halo", RESIDENT);
  await telegram.start();
  await telegram.staffGroup!.postPending();
});

afterAll(async () => {
  await telegram.stop();
  await fake.close();
  await tdb.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await tdb.db.staff.update({ where: { id: aniId }, data: { telegramUserId: null, telegramLinkCode: null, telegramLinkExpiry: null } });
  await tdb.db.outbox.deleteMany();
});

describe("Telegram staff group", () => {
  it("posts a new ticket to the staff group once, with the question escaped", async () => {
    const ticket = await openTicket('Apakah ada buku <script>alert("x")</script> tentang tenun ikat & songket?');
    const since = fake.calls.length;
    expect(await telegram.staffGroup!.postPending()).toBe(1);
    expect(await telegram.staffGroup!.postPending()).toBe(0);
    const posts = fake.calls.slice(since).filter((c) => c.ok && inStaffChat(c));
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.params.parse_mode).toBe("HTML");
    expect(post.params.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(post.params.text).not.toContain("<script>");
    expect(post.visibleText).toBe(`🆕 Tiket #${ticket.id} · PUSAT · telegram\nApakah ada buku <script>alert("x")</script> tentang tenun ikat & songket?\nBalas pesan ini untuk menjawab.`);
    expect(post.visibleText).not.toContain(String(RESIDENT.id));
    const message = post.result as Message;
    expect((await tdb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).staffPostRef).toBe(`${STAFF_CHAT.id}:${message.message_id}`);
  });

  it("tells a librarian without a linked account to link first, and answers nothing", async () => {
    const { id, post } = await postedTicket("Apakah perpustakaan buka saat libur nasional?");
    const answer = await replyInGroup("Tutup, kak.", STRANGER, post);
    expect(answer.visibleText).toContain("Tautkan akun Telegram Anda dulu di dasbor");
    expect((await tdb.db.ticket.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    expect(await tdb.db.outbox.count()).toBe(0);
  });

  it("links with /tautkan, and the linked librarian's reply answers the ticket and reaches the patron", async () => {
    const { code } = await links.createLinkCode(aniId);
    expect((await privateMessage(`/tautkan ${code}`, ANI_TG)).visibleText).toContain("Akun terhubung ke Ani");
    // One use only.
    expect((await privateMessage(`/link ${code}`, ANI_TG)).visibleText).toContain("Kode tidak dikenal atau sudah dipakai");

    const { id, post } = await postedTicket("Apakah ada buku tentang tenun ikat Sumba?", String(RESIDENT.id));
    const confirmation = await replyInGroup("Ada, di rak 746 lantai 2. Silakan datang, kak.", ANI_TG, post);
    expect(confirmation.visibleText).toBe(`✅ Jawaban terkirim untuk tiket #${id} (Ani).`);

    expect(await tdb.db.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "answered", assigneeId: aniId, answer: "Ada, di rak 746 lantai 2. Silakan datang, kak." });
    const audit = await tdb.db.auditLog.findFirst({ where: { ticketId: id, action: "ticket.answer" } });
    expect(audit?.staffId).toBe(aniId);

    const since = fake.calls.length;
    expect(await telegram.outbox.deliverDue()).toBeGreaterThanOrEqual(1);
    const delivered = fake.calls.slice(since).filter((c) => c.ok && c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id);
    expect(delivered[0]?.visibleText).toContain("Ada, di rak 746 lantai 2. Silakan datang, kak.");
    expect(delivered[0]?.visibleText).toContain(`#${id}`);
  });

  it("an expired link code is refused in the chat", async () => {
    const { code } = await links.createLinkCode(aniId);
    await tdb.db.staff.update({ where: { id: aniId }, data: { telegramLinkExpiry: new Date(Date.now() - 1000) } });
    expect((await privateMessage(`/tautkan ${code}`, ANI_TG)).visibleText).toContain("Kode sudah kedaluwarsa");
    expect((await tdb.db.staff.findUniqueOrThrow({ where: { id: aniId } })).telegramUserId).toBeNull();
    expect((await privateMessage("/tautkan", ANI_TG)).visibleText).toContain("/tautkan KODE");
  });

  it("nothing said in the staff group reaches the patron engine, while a mention in another group does", async () => {
    const { post } = await postedTicket("Ada ruang diskusi untuk 10 orang?");
    const before = engineCalls();
    const since = fake.calls.length;
    for (const text of ["selamat pagi semua", "@TanyaPustakaBot ada buku laskar pelangi?", "/cari laskar pelangi", "/start"]) {
      fake.pushUpdate(fake.updates.groupText(text, { chat: STAFF_CHAT, from: ANI_TG }));
    }
    // Updates of one chat are handled in order: once this reply is answered, the ones before it were handled.
    const confirmation = await replyInGroup("Catatan internal untuk tim", STRANGER, post);
    expect(confirmation.visibleText).toContain("Tautkan akun Telegram");
    const notice = await replyInGroup("terima kasih", ANI_TG, confirmation.result as Message);
    expect(notice.visibleText).toContain("bukan pengumuman tiket");
    expect(engineCalls()).toBe(before);
    expect(fake.calls.slice(since).filter((c) => c.ok && inStaffChat(c))).toHaveLength(2);

    // The same mention in a patrons' group goes to the engine (so the count above could have moved).
    const sinceGroup = fake.calls.length;
    fake.pushUpdate(fake.updates.groupText("@TanyaPustakaBot halo", { chat: GROUP_CHAT, from: RESIDENT }));
    await fake.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === GROUP_CHAT.id, { since: sinceGroup });
    expect(engineCalls()).toBe(before + 1);
  });
});
