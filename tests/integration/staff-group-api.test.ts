// The staff-group API the Telegram bot calls (/v1/staff-group/*), through the real app and
// PostgreSQL: which tickets get a group post, linking a Telegram account with a one-time code, and
// a librarian's reply to a post becoming the answer to the patron.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createAuditLog } from "../../api/inbox/audit-log.js";
import { groupSafeQuestion } from "../../api/inbox/staff-group.js";
import { createStaffTelegram, LINK_CODE_TTL_MS, type StaffTelegram } from "../../api/inbox/staff-telegram.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { TicketService } from "../../api/inbox/ticket-types.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TOKEN = "staff-group-test-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

let tdb: TestDatabase;
let app: ReturnType<typeof createApp>;
let tickets: TicketService;
let links: StaffTelegram;
let now: Date;
let ani: { id: number; name: string };
let budi: { id: number; name: string };

const post = (path: string, body: unknown, headers: Record<string, string> = auth) => app.request(path, { method: "POST", headers, body: JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = auth) => app.request(path, { headers });

async function openTicket(question: string, userId = "5550001") {
  const patron = await tdb.db.patron.upsert({ where: { channel_channelUserId: { channel: "telegram", channelUserId: userId } }, update: {}, create: { channel: "telegram", channelUserId: userId } });
  return (await tickets.open({ patronId: patron.id, channel: "telegram", recipient: userId, locale: "id", question, reason: "asked" })).ticket;
}

async function pending(): Promise<{ id: number; question: string; branchCode: string; channel: string }[]> {
  const res = await get("/v1/staff-group/pending");
  expect(res.status).toBe(200);
  return ((await res.json()) as { tickets: { id: number; question: string; branchCode: string; channel: string }[] }).tickets;
}

async function linkTelegram(staffId: number, telegramUserId: string) {
  const { code } = await links.createLinkCode(staffId);
  const res = await post("/v1/staff-group/link", { code, telegramUserId });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.branch.create({ data: { code: "PUSAT", name: "Perpustakaan Kota - Pusat", timezone: "Asia/Makassar", slaMinutes: 120 } });
  ani = await tdb.db.staff.create({ data: { email: "ani@perpus.test", name: "Ani", passwordHash: "x" } });
  budi = await tdb.db.staff.create({ data: { email: "budi@perpus.test", name: "Budi", passwordHash: "x" } });
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.outbox.deleteMany();
  await tdb.db.auditLog.deleteMany();
  await tdb.db.ticket.deleteMany();
  await tdb.db.staff.updateMany({ data: { telegramUserId: null, telegramLinkCode: null, telegramLinkExpiry: null } });
  now = new Date();
  const config = loadConfig({ SERVICE_TOKEN: TOKEN });
  const log = memoryLogger();
  const outbox = createOutboxServiceFromConfig(tdb.db, config);
  tickets = createTicketService({ db: tdb.db, outbox, log });
  links = createStaffTelegram({ db: tdb.db, audit: createAuditLog(tdb.db), now: () => now });
  app = createApp({ db: tdb.db, search: createSearchBackend({}), config, log, outbox, tickets, staffTelegram: links });
});

describe("staff-group API", () => {
  it("answers only with the service token", async () => {
    expect((await get("/v1/staff-group/pending", {})).status).toBe(401);
    expect((await post("/v1/staff-group/reply", { ref: "-100:1", telegramUserId: "1", text: "x" }, { "content-type": "application/json" })).status).toBe(401);
    expect((await post("/v1/staff-group/link", { code: "ABCDEFGH", telegramUserId: "1" }, { ...auth, authorization: "Bearer wrong-wrong-wrong-wrong" })).status).toBe(401);
  });

  it("lists new open tickets oldest first without recipient ids or phone numbers, and a posted ticket only once", async () => {
    const first = await openTicket("Apakah ada buku tentang tenun ikat Sumba? WA saya 0812-3456-7890", "5550001");
    const second = await openTicket("Bagaimana cara jadi anggota?", "5550002");
    const list = await pending();
    expect(list.map((t) => t.id)).toEqual([first.id, second.id]);
    expect(list[0]).toMatchObject({ branchCode: "PUSAT", channel: "telegram" });
    expect(list[0]!.question).toContain("tenun ikat Sumba");
    const raw = JSON.stringify(list);
    expect(raw).not.toContain("0812");
    expect(raw).not.toContain("5550001");
    expect(raw).not.toContain("recipient");

    expect((await post("/v1/staff-group/posted", { ticketId: first.id, ref: "-1001234567890:201" })).status).toBe(200);
    // The bot retrying its report is harmless; another post for the same ticket is refused.
    expect((await post("/v1/staff-group/posted", { ticketId: first.id, ref: "-1001234567890:201" })).status).toBe(200);
    expect((await post("/v1/staff-group/posted", { ticketId: first.id, ref: "-1001234567890:202" })).status).toBe(409);
    expect((await pending()).map((t) => t.id)).toEqual([second.id]);
    expect((await post("/v1/staff-group/posted", { ticketId: 999999, ref: "-1001234567890:203" })).status).toBe(404);
  });

  it("does not list claimed tickets (they already have a librarian)", async () => {
    const t = await openTicket("Jam buka hari Minggu?");
    await tickets.claim(t.id, { id: ani.id, role: "librarian", name: "Ani" });
    expect(await pending()).toEqual([]);
  });

  it("masks Indonesian phone numbers but keeps ISBNs in the group text", () => {
    expect(groupSafeQuestion("hubungi +62 812 3456 7890 atau 081234567890")).toBe("hubungi [nomor disembunyikan] atau [nomor disembunyikan]");
    expect(groupSafeQuestion("ada ISBN 9786020332956?")).toBe("ada ISBN 9786020332956?");
  });

  it("links a Telegram account with a valid code, once", async () => {
    const { code } = await links.createLinkCode(ani.id);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const res = await post("/v1/staff-group/link", { code: code.toLowerCase().replace(/^(....)/, "$1-"), telegramUserId: "7001" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ staffId: ani.id, staffName: "Ani" });
    expect((await tdb.db.staff.findUniqueOrThrow({ where: { id: ani.id } })).telegramUserId).toBe("7001");
    expect(await links.status(ani.id)).toEqual({ linked: true, pendingCode: null });

    const again = await post("/v1/staff-group/link", { code, telegramUserId: "7002" });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ error: "invalid_code" });
    expect((await tdb.db.staff.findUniqueOrThrow({ where: { id: ani.id } })).telegramUserId).toBe("7001");
    expect(await tdb.db.auditLog.count({ where: { staffId: ani.id, action: "staff.telegram_link" } })).toBe(1);
  });

  it("refuses a code after 15 minutes, and the expired code stays dead", async () => {
    const { code, expiresAt } = await links.createLinkCode(ani.id);
    expect(expiresAt.getTime() - now.getTime()).toBe(LINK_CODE_TTL_MS);
    now = new Date(now.getTime() + LINK_CODE_TTL_MS + 1000);
    const res = await post("/v1/staff-group/link", { code, telegramUserId: "7001" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: "expired_code" });
    now = new Date(now.getTime() - LINK_CODE_TTL_MS);
    expect(await (await post("/v1/staff-group/link", { code, telegramUserId: "7001" })).json()).toMatchObject({ error: "invalid_code" });
    expect((await tdb.db.staff.findUniqueOrThrow({ where: { id: ani.id } })).telegramUserId).toBeNull();
  });

  it("a reply from an unlinked Telegram user answers nothing", async () => {
    const t = await openTicket("Apakah perpustakaan buka saat libur nasional?");
    await post("/v1/staff-group/posted", { ticketId: t.id, ref: "-1001234567890:301" });
    const res = await post("/v1/staff-group/reply", { ref: "-1001234567890:301", telegramUserId: "9999", text: "Tutup, kak." });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "telegram_not_linked" });
    expect((await tdb.db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("open");
    expect(await tdb.db.outbox.count()).toBe(0);
  });

  it("a linked librarian's reply claims and answers the ticket as them, and the answer goes to the patron's outbox", async () => {
    await linkTelegram(ani.id, "7001");
    const t = await openTicket("Apakah ada buku tentang tenun ikat Sumba?", "5550009");
    await post("/v1/staff-group/posted", { ticketId: t.id, ref: "-1001234567890:401" });
    const res = await post("/v1/staff-group/reply", { ref: "-1001234567890:401", telegramUserId: "7001", text: "Ada, di rak 746 lantai 2." });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ticketId: t.id, status: "answered", staffName: "Ani" });

    const ticket = await tdb.db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(ticket).toMatchObject({ status: "answered", assigneeId: ani.id, answer: "Ada, di rak 746 lantai 2." });
    const audit = await tdb.db.auditLog.findFirst({ where: { ticketId: t.id, action: "ticket.answer" } });
    expect(audit?.staffId).toBe(ani.id);
    const items = await tdb.db.outbox.findMany({ where: { recipient: "5550009", channel: "telegram" }, orderBy: { id: "asc" } });
    expect(JSON.stringify(items[0]?.payload)).toContain("Ada, di rak 746 lantai 2.");
  });

  it("a reply to a ticket another librarian claimed says who has it and answers nothing", async () => {
    await linkTelegram(ani.id, "7001");
    const t = await openTicket("Boleh pinjam 5 buku sekaligus?");
    await tickets.claim(t.id, { id: budi.id, role: "librarian", name: "Budi" });
    await post("/v1/staff-group/posted", { ticketId: t.id, ref: "-1001234567890:501" });
    const res = await post("/v1/staff-group/reply", { ref: "-1001234567890:501", telegramUserId: "7001", text: "Boleh." });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "already_claimed", assignee: "Budi" });
    expect((await tdb.db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("claimed");
    expect(await tdb.db.outbox.count()).toBe(0);
  });

  it("a reply to a message that is no ticket post is an unknown post; after unlinking, replies are refused again", async () => {
    await linkTelegram(ani.id, "7001");
    expect(await (await post("/v1/staff-group/reply", { ref: "-1001234567890:999", telegramUserId: "7001", text: "halo" })).json()).toMatchObject({ error: "unknown_post" });
    const t = await openTicket("Ada ruang diskusi?");
    await post("/v1/staff-group/posted", { ticketId: t.id, ref: "-1001234567890:601" });
    await links.unlink(ani.id);
    expect((await post("/v1/staff-group/reply", { ref: "-1001234567890:601", telegramUserId: "7001", text: "Ada." })).status).toBe(403);
  });
});
