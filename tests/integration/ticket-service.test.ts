// The librarian inbox service against real PostgreSQL: ownership, the outbox items an answer
// makes, the audit trail, rate limits and due times counted in opening hours.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOutboxService, type OutboxService } from "../../api/outbox/outbox-service.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import { TicketError, type StaffActor, type TicketService } from "../../api/inbox/ticket-types.js";
import { parseState } from "../../api/dialog/dialog-state.js";
import { createKeyedLock } from "../../api/dialog/keyed-lock.js";
import pg from "pg";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let tdb: TestDatabase;
let now: Date;
let outbox: OutboxService;
let tickets: TicketService;
let ani: StaffActor;
let budi: StaffActor;
let admin: StaffActor;

const HOURS = {
  mon: [["08:00", "16:00"]], tue: [["08:00", "16:00"]], wed: [["08:00", "16:00"]], thu: [["08:00", "16:00"]], fri: [["08:00", "16:00"]],
  sat: [["08:00", "12:00"]], sun: [],
};
// Asia/Makassar is UTC+8: Sunday 23 Nov 2025 10:00 local.
const SUNDAY_10 = new Date("2025-11-23T02:00:00.000Z");
const MONDAY_09 = new Date("2025-11-24T01:00:00.000Z");

async function staff(email: string, name: string, role: "librarian" | "admin"): Promise<StaffActor> {
  const row = await tdb.db.staff.create({ data: { email, name, passwordHash: "x", role } });
  return { id: row.id, role, name };
}

async function patron(channel: "telegram" | "whatsapp" | "web", userId: string) {
  return tdb.db.patron.create({ data: { channel, channelUserId: userId } });
}

async function openFor(p: { id: number; channel: string; channelUserId: string }, question = "Apakah perpustakaan menerima sumbangan buku bekas?") {
  return tickets.open({ patronId: p.id, channel: p.channel as "telegram", recipient: p.channelUserId, locale: "id", question, reason: "asked" });
}

async function rejects(promise: Promise<unknown>, code: TicketError["code"]): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(TicketError);
  expect((err as TicketError).code).toBe(code);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.branch.create({ data: { code: "PUSAT", name: "Perpustakaan Kota - Pusat", timezone: "Asia/Makassar", openingHours: HOURS, slaMinutes: 120 } });
  await tdb.db.branch.create({ data: { code: "OEB", name: "Perpustakaan Kota - Cabang Oebobo", timezone: "Asia/Makassar", openingHours: HOURS, slaMinutes: 240 } });
  ani = await staff("ani@perpus.test", "Ani", "librarian");
  budi = await staff("budi@perpus.test", "Budi", "librarian");
  admin = await staff("admin@perpus.test", "Admin", "admin");
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.outbox.deleteMany();
  await tdb.db.auditLog.deleteMany();
  await tdb.db.patron.deleteMany();
  now = new Date("2025-11-24T02:00:00.000Z"); // Monday 10:00 local, open
  outbox = createOutboxService({ db: tdb.db, leaseMs: 60_000, maxAttempts: 3, retry: { baseMs: 30_000, maxMs: 3_600_000 }, now: () => now });
  tickets = createTicketService({ db: tdb.db, outbox, log: memoryLogger(), clock: { now: () => now } });
});

describe("ticket service", () => {
  it("a question sent on Sunday is due two opening hours after Monday 08:00, and the patron is told when the library opens", async () => {
    now = SUNDAY_10;
    const p = await patron("telegram", "5001");
    const { ticket, expected } = await openFor(p);
    expect(ticket).toMatchObject({ status: "open", branchCode: "PUSAT", reason: "asked", overdue: false });
    expect(ticket.dueAt.toISOString()).toBe("2025-11-24T02:00:00.000Z"); // Monday 10:00 local
    expect(expected).toEqual({ withinMinutes: 120, nextOpening: new Date("2025-11-24T00:00:00.000Z"), timeZone: "Asia/Makassar" });
  });

  it("SLA minutes left on Saturday carry over to Monday; while open there is no next opening", async () => {
    now = new Date("2025-11-22T03:00:00.000Z"); // Saturday 11:00 local, closes 12:00
    const { ticket, expected } = await openFor(await patron("telegram", "5002"));
    expect(ticket.dueAt.toISOString()).toBe(MONDAY_09.toISOString());
    expect(expected.nextOpening).toBeNull();
  });

  it("a patron has one open ticket at a time, and an empty question is refused", async () => {
    const p = await patron("telegram", "5003");
    await rejects(openFor(p, "   "), "empty");
    const { ticket } = await openFor(p);
    await rejects(openFor(p, "Pertanyaan kedua"), "invalid_state");
    expect((await tickets.openForPatron(p.id))?.id).toBe(ticket.id);
  });

  it("of two librarians claiming at once, one owns the ticket and the other is told it is taken", async () => {
    const { ticket } = await openFor(await patron("telegram", "5004"));
    const results = await Promise.allSettled([tickets.claim(ticket.id, ani), tickets.claim(ticket.id, budi)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as TicketError).code).toBe("already_claimed");
    const owner = (await tickets.get(ticket.id)).assignee!;
    expect(["Ani", "Budi"]).toContain(owner.name);
    const audit = await tdb.db.auditLog.findMany({ where: { ticketId: ticket.id } });
    expect(audit.map((a) => [a.action, a.staffId])).toEqual([["ticket.claim", owner.id]]);
  });

  it("an answer arriving while the patron's own message is being handled marks the rating only after that turn saved its state", async () => {
    const userLock = createKeyedLock();
    tickets = createTicketService({ db: tdb.db, outbox, log: memoryLogger(), clock: { now: () => now }, userLock });
    const p = await patron("whatsapp", "6281200000099@s.whatsapp.net");
    const { ticket } = await openFor(p);
    // The engine is in the middle of this patron's turn: it holds the lock and will save its state.
    let finishTurn!: () => void;
    const turn = userLock.run(`whatsapp:${p.channelUserId}`, async () => {
      await new Promise<void>((resolve) => (finishTurn = resolve));
      const data = { seq: 1, lastButtons: [{ label: "Berikutnya", payload: "page:1:2" }], misses: 0, ext: {} };
      await tdb.db.conversationState.upsert({ where: { patronId: p.id }, create: { patronId: p.id, data }, update: { data } });
    });
    const answering = tickets.answer(ticket.id, ani, "Ya, kami menerima sumbangan buku.");
    // The answer and the rating question are queued at once; only the marker waits for the turn.
    for (let i = 0; i < 200 && (await tdb.db.outbox.count({ where: { recipient: p.channelUserId } })) < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await tdb.db.outbox.count({ where: { recipient: p.channelUserId } })).toBe(2);
    expect(await tdb.db.conversationState.findUnique({ where: { patronId: p.id } })).toBeNull();
    finishTurn();
    await turn;
    await answering;
    const state = parseState((await tdb.db.conversationState.findUnique({ where: { patronId: p.id } }))?.data);
    expect(state.lastButtons?.[3]?.payload).toBe(`rate:${ticket.id}:4`);
  });

  it("the owner's answer goes out through the outbox, followed by the 1-5 rating question, once", async () => {
    const p = await patron("whatsapp", "6281234567890@s.whatsapp.net");
    const { ticket } = await openFor(p);
    await tickets.claim(ticket.id, ani);
    await rejects(tickets.answer(ticket.id, budi, "Jawaban Budi"), "not_owner");
    const answered = await tickets.answer(ticket.id, ani, "Ya, kami menerima sumbangan buku di meja layanan.");
    expect(answered.status).toBe("answered");

    const items = await tdb.db.outbox.findMany({ orderBy: { id: "asc" } });
    expect(items.map((i) => i.dedupeKey)).toEqual([expect.stringMatching(new RegExp(`^ticket:${ticket.id}:answer:\\d+$`)), expect.stringMatching(new RegExp(`^ticket:${ticket.id}:rate:\\d+$`))]);
    expect(items.every((i) => i.channel === "whatsapp" && i.recipient === p.channelUserId)).toBe(true);
    const [answerItem, rateItem] = items.map((i) => i.payload as { replies: { text: string; buttons?: { payload: string }[] }[] });
    expect(answerItem!.replies[0]!.text).toContain("Ya, kami menerima sumbangan buku");
    expect(rateItem!.replies[0]!.buttons!.map((b) => b.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${ticket.id}:${n}`));

    // WhatsApp shows buttons as numbers: the patron's "4" must mean the fourth rating button.
    const state = parseState((await tdb.db.conversationState.findUnique({ where: { patronId: p.id } }))?.data);
    expect(state.lastButtons?.[3]?.payload).toBe(`rate:${ticket.id}:4`);

    const detail = await tickets.get(ticket.id);
    expect(detail.messages.map((m) => [m.kind, m.staffName])).toEqual([["answer", "Ani"]]);
    expect(detail.audit.map((a) => a.action)).toEqual(["ticket.claim", "ticket.answer"]);
    const row = await tdb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.firstResponseAt).toEqual(now);

    // A second answer later keeps the first response time.
    const first = now;
    now = new Date(now.getTime() + 60_000);
    await tickets.answer(ticket.id, ani, "Tambahan: juga majalah.");
    expect((await tdb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).firstResponseAt).toEqual(first);
    expect(await tdb.db.outbox.count()).toBe(4);
  });

  it("answering an unclaimed ticket claims it; an admin may answer anyone's ticket", async () => {
    const a = await openFor(await patron("telegram", "5005"));
    expect((await tickets.answer(a.ticket.id, budi, "Jawaban")).assignee?.name).toBe("Budi");
    const b = await openFor(await patron("telegram", "5006"));
    await tickets.claim(b.ticket.id, ani);
    expect((await tickets.answer(b.ticket.id, admin, "Jawaban admin")).status).toBe("answered");
  });

  it("a long answer is split under Telegram's 4096 characters", async () => {
    const { ticket } = await openFor(await patron("telegram", "5007"));
    const long = Array.from({ length: 900 }, (_, i) => `kata${i}`).join(" ") + "\n\n" + "x".repeat(3000);
    await tickets.answer(ticket.id, ani, long.slice(0, 4000) + " " + long.slice(0, 3000));
    const item = await tdb.db.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ticket:${ticket.id}:answer:` } } });
    const texts = (item.payload as { replies: { text: string }[] }).replies.map((r) => r.text);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect([...t].length).toBeLessThanOrEqual(4096);
  });

  it("transfer to another branch puts the ticket back in the open queue there; transfer to a librarian assigns it", async () => {
    const { ticket } = await openFor(await patron("telegram", "5008"));
    await tickets.claim(ticket.id, ani);
    await rejects(tickets.transfer(ticket.id, budi, { branchCode: "OEB" }), "not_owner");
    const moved = await tickets.transfer(ticket.id, ani, { branchCode: "OEB" });
    expect(moved).toMatchObject({ status: "open", branchCode: "OEB", assignee: null });
    expect((await tickets.queue({ branchCode: "OEB" })).map((t) => t.id)).toEqual([ticket.id]);
    const assigned = await tickets.transfer(ticket.id, admin, { staffId: budi.id });
    expect(assigned).toMatchObject({ status: "claimed", assignee: { id: budi.id, name: "Budi" } });
    expect((await tickets.get(ticket.id)).audit.map((a) => a.action)).toEqual(["ticket.claim", "ticket.transfer", "ticket.transfer"]);
  });

  it("close and reopen, with notes, each in the audit log", async () => {
    const { ticket } = await openFor(await patron("telegram", "5009"));
    await tickets.claim(ticket.id, ani);
    await tickets.note(ticket.id, budi, "Cek dengan bagian pengadaan");
    await tickets.answer(ticket.id, ani, "Sudah kami cek.");
    expect((await tickets.close(ticket.id, ani)).status).toBe("closed");
    await rejects(tickets.close(ticket.id, ani), "invalid_state");
    expect((await tickets.reopen(ticket.id, budi)).status).toBe("claimed");
    const detail = await tickets.get(ticket.id);
    expect(detail.audit.map((a) => [a.action, a.staffName])).toEqual([
      ["ticket.claim", "Ani"], ["ticket.note", "Budi"], ["ticket.answer", "Ani"], ["ticket.close", "Ani"], ["ticket.reopen", "Budi"],
    ]);
    expect(detail.messages.find((m) => m.kind === "note")?.text).toBe("Cek dengan bagian pengadaan");
  });

  it("the patron rates an answered ticket 1-5 and may comment; another patron cannot", async () => {
    const p = await patron("telegram", "5010");
    const other = await patron("telegram", "5011");
    const { ticket } = await openFor(p);
    await rejects(tickets.rate(ticket.id, p.id, 4), "invalid_state");
    await tickets.answer(ticket.id, ani, "Jawaban");
    await rejects(tickets.rate(ticket.id, other.id, 5), "not_found");
    await rejects(tickets.rate(ticket.id, p.id, 6), "invalid_state");
    await tickets.rate(ticket.id, p.id, 4);
    await tickets.rate(ticket.id, p.id, 4, "Cepat sekali, terima kasih");
    expect(await tickets.get(ticket.id)).toMatchObject({ rating: 4, ratingComment: "Cepat sekali, terima kasih" });
  });

  it("the patron can add to and cancel an open ticket; the queue lists the oldest first and flags overdue ones", async () => {
    const p1 = await patron("telegram", "5012");
    const a = await openFor(p1);
    now = new Date(now.getTime() + 5 * 60_000);
    const b = await openFor(await patron("web", "web-5013"));
    await tickets.addPatronMessage(a.ticket.id, p1.id, "Bukunya sekitar 20 eksemplar");
    expect((await tickets.get(a.ticket.id)).messages.map((m) => [m.kind, m.text])).toEqual([["patron", "Bukunya sekitar 20 eksemplar"]]);

    now = new Date(now.getTime() + 3 * 3_600_000);
    const queue = await tickets.queue({});
    expect(queue.map((t) => [t.id, t.overdue])).toEqual([[a.ticket.id, true], [b.ticket.id, true]]);
    expect((await tickets.queue({ channel: "web" })).map((t) => t.id)).toEqual([b.ticket.id]);

    await tickets.cancel(a.ticket.id, p1.id);
    await rejects(tickets.addPatronMessage(a.ticket.id, p1.id, "lagi"), "invalid_state");
    expect((await tickets.queue({})).map((t) => t.id)).toEqual([b.ticket.id]);
    expect((await tickets.queue({ status: ["cancelled"] })).map((t) => t.id)).toEqual([a.ticket.id]);
  });

  it("a patron who sends 50 escalations in a minute is rate limited", async () => {
    const p = await patron("telegram", "5014");
    const { ticket } = await openFor(p);
    const outcomes = await Promise.allSettled(Array.from({ length: 49 }, (_, i) => tickets.addPatronMessage(ticket.id, p.id, `tambahan ${i}`)));
    const limited = outcomes.filter((o) => o.status === "rejected" && (o.reason as TicketError).code === "rate_limited");
    expect(limited.length).toBeGreaterThanOrEqual(45);
    expect(await tdb.db.ticketMessage.count({ where: { ticketId: ticket.id } })).toBeLessThanOrEqual(4);
    now = new Date(now.getTime() + 61_000);
    await tickets.addPatronMessage(ticket.id, p.id, "satu menit kemudian");
  });

  it("a librarian answering at the moment the patron cancels is told the ticket is no longer open, and nothing is sent", async () => {
    const p = await patron("telegram", "5016");
    const { ticket } = await openFor(p);
    // The patron's cancel is in flight (row updated, not yet committed) when the answer arrives.
    const patronSide = new pg.Client({ connectionString: tdb.url });
    await patronSide.connect();
    try {
      await patronSide.query("BEGIN");
      await patronSide.query(`UPDATE "Ticket" SET status = 'cancelled', "closedAt" = now() WHERE id = $1`, [ticket.id]);
      const answering = tickets.answer(ticket.id, ani, "Ya, kami menerima sumbangan.").then(() => null, (e: unknown) => e);
      // Wait until the answer's transaction is queued behind the cancel's row lock.
      for (;;) {
        const { rows } = await patronSide.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await patronSide.query("COMMIT");
      const err = await answering;
      expect(err).toBeInstanceOf(TicketError);
      expect((err as TicketError).code).toBe("invalid_state");
    } finally {
      await patronSide.end();
    }
    const row = await tdb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.status).toBe("cancelled");
    expect(row.answer).toBeNull();
    expect(await tdb.db.outbox.count({ where: { recipient: "5016" } })).toBe(0);
  });

  it("the context shows the patron's recent chat and previous tickets", async () => {
    const p = await patron("telegram", "5015");
    const first = await openFor(p, "Pertanyaan lama");
    await tickets.cancel(first.ticket.id, p.id);
    await tdb.db.messageLog.createMany({ data: Array.from({ length: 12 }, (_, i) => ({ patronId: p.id, direction: i % 2 ? "out" : "in", text: `pesan ${i}`, createdAt: new Date(now.getTime() - (12 - i) * 1000) })) });
    const { ticket } = await openFor(p, "<script>alert(1)</script> jam buka?");
    const detail = await tickets.get(ticket.id);
    expect(detail.question).toBe("<script>alert(1)</script> jam buka?");
    expect(detail.recentChat.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `pesan ${i + 2}`));
    expect(detail.previous.map((t) => [t.id, t.status])).toEqual([[first.ticket.id, "cancelled"]]);
  });
});
