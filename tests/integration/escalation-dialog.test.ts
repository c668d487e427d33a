// "Tanya pustakawan" through the real dialog engine over the demo library: drafting, sending,
// following up, cancelling and rating a ticket, and the offers after searches that did not help.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDialogEngine, type DialogEngine } from "../../api/dialog/engine.js";
import type { Reply } from "../../api/dialog/reply.js";
import { createEscalationFeature } from "../../api/inbox/escalation-feature.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { StaffActor, TicketService } from "../../api/inbox/ticket-types.js";
import { createOutboxService } from "../../api/outbox/outbox-service.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";

let lib: DialogLibrary;
let engine: DialogEngine;
let tickets: TicketService;
let librarian: StaffActor;
const clock = testClock("2026-11-21T07:00:00Z"); // Saturday 15:00 in Kupang: every branch is closed

beforeAll(async () => {
  lib = await createDialogLibrary();
  const outbox = createOutboxService({ db: lib.db, leaseMs: 60_000, maxAttempts: 3, retry: { baseMs: 1000, maxMs: 60_000 }, now: () => clock.now() });
  tickets = createTicketService({ db: lib.db, outbox, log: lib.log, clock });
  engine = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config: lib.config(), log: lib.log, clock, features: [createEscalationFeature({ tickets })] });
  const staff = await lib.db.staff.create({ data: { email: "ani@perpus.test", name: "Ani", passwordHash: "x", role: "librarian" } });
  librarian = { id: staff.id, role: "librarian", name: "Ani" };
});
afterAll(async () => {
  await lib?.close();
});
beforeEach(() => {
  clock.set("2026-11-21T07:00:00Z");
});

let seq = 0;
function user(channel: "telegram" | "whatsapp" | "web" = "telegram") {
  const userId = channel === "whatsapp" ? `62812000${String(++seq).padStart(4, "0")}@s.whatsapp.net` : `esc${++seq}`;
  let n = 0;
  const send = (extra: { text?: string; payload?: string }): Promise<Reply[]> => engine.handle({ channel, userId, messageId: `${userId}-${++n}`, locale: "id", ...extra });
  return {
    userId,
    say: (text: string) => send({ text }),
    press: (payload: string) => send({ payload }),
    patronId: async () => (await lib.db.patron.findUniqueOrThrow({ where: { channel_channelUserId: { channel, channelUserId: userId } } })).id,
  };
}

const last = (replies: Reply[]) => replies[replies.length - 1]!;
const payloads = (reply: Reply) => (reply.buttons ?? []).map((b) => b.payload);
const allText = (replies: Reply[]) => replies.map((r) => r.text).join("\n");

describe("asking a librarian in the chat", () => {
  it("a resident asks for a librarian, restates the question, sends it and gets a ticket number and the expected answer time", async () => {
    const u = user();
    expect(allText(await u.say("tanya pustakawan"))).toContain("Tulis pertanyaan Anda untuk pustakawan");
    const first = last(await u.say("bisa pinjam buku lewat online"));
    expect(first.text).toContain("“bisa pinjam buku lewat online”");
    expect(payloads(first)).toEqual(["ticket_send", "ticket_edit", "ticket_drop"]);
    expect(last(await u.press("ticket_edit")).text).toContain("tulis ulang");
    const restated = last(await u.say("Apakah pinjaman bisa diperpanjang lewat WhatsApp?"));
    expect(restated.text).toContain("“Apakah pinjaman bisa diperpanjang lewat WhatsApp?”");

    const sent = allText(await u.press("ticket_send"));
    const row = await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } });
    expect(row).toMatchObject({ question: "Apakah pinjaman bisa diperpanjang lewat WhatsApp?", status: "open", reason: "asked", channel: "telegram", recipient: u.userId });
    expect(sent).toContain(`#${row.id}`);
    // PUSAT closes at 14:00 on Saturday and opens at 09:00 on Sunday.
    expect(sent).toContain("Pustakawan kami biasanya menjawab dalam 2 jam. Di luar jam layanan, jawaban datang Minggu pukul 09.00.");
  });

  it("/tanya with the question goes straight to the confirmation, in English too", async () => {
    const u = user();
    await u.say("/language en");
    const confirm = last(await u.say("/tanya Can I return a book at another branch?"));
    expect(confirm.text).toContain("“Can I return a book at another branch?”");
    const sent = allText(await u.press("ticket_send"));
    expect(sent).toContain("Our librarians usually answer within 2 hours. Outside service hours, the answer comes on Sunday at 09:00.");
  });

  it("zero-hit question offers a librarian", async () => {
    const u = user();
    const reply = last(await u.say("apakah perpustakaan menerima sumbangan majalah bekas?"));
    expect(reply.text).toContain("Pertanyaan seperti ini bisa dijawab pustakawan kami");
    expect(payloads(reply)[0]).toBe("librarian");
    const confirm = last(await u.press("librarian"));
    expect(confirm.text).toContain("“apakah perpustakaan menerima sumbangan majalah bekas?”");
    await u.press("ticket_send");
    expect(await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } })).toMatchObject({ reason: "zero_hits" });
  });

  it("two misunderstood messages offer a librarian", async () => {
    const u = user();
    expect(allText(await u.say("qwzx plorbt"))).not.toContain("Maaf, saya belum bisa membantu");
    const second = last(await u.say("zzyqv grmbl"));
    expect(second.text).toContain("Maaf, saya belum bisa membantu");
    expect(payloads(second)[0]).toBe("librarian");
    expect(last(await u.press("librarian")).text).toContain("“zzyqv grmbl”");
    await u.press("ticket_send");
    expect(await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } })).toMatchObject({ reason: "not_understood", question: "zzyqv grmbl" });
  });

  it("while a ticket is open a search still works and /tiket adds a message", async () => {
    const u = user();
    await u.say("/tanya Apakah ada ruang baca untuk anak?");
    await u.press("ticket_send");
    expect(allText(await u.say("laskar pelangi"))).toContain("Laskar Pelangi");

    const shown = last(await u.say("/tiket"));
    expect(shown.text).toContain("Apakah ada ruang baca untuk anak?");
    expect(payloads(shown)).toEqual(["ticket_add", "ticket_cancel"]);
    await u.press("ticket_add");
    expect(allText(await u.say("Untuk anak umur 6 tahun"))).toContain("ditambahkan");
    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() }, include: { messages: true } });
    expect(ticket.messages.map((m) => [m.kind, m.text])).toEqual([["patron", "Untuk anak umur 6 tahun"]]);

    // Asking again while one is open shows the open ticket instead of a second one.
    expect(last(await u.say("tanya pustakawan")).text).toContain(`#${ticket.id}`);
    expect(await lib.db.ticket.count({ where: { patronId: await u.patronId() } })).toBe(1);
  });

  it("cancel", async () => {
    const u = user();
    await u.say("/tanya Jam berapa ruang komputer buka?");
    await u.press("ticket_send");
    await u.say("/tiket");
    expect(allText(await u.press("ticket_cancel"))).toContain("dibatalkan");
    expect((await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } })).status).toBe("cancelled");
    expect(allText(await u.say("/tiket"))).toContain("tidak punya pertanyaan");
  });

  it("a draft can be dropped with Batal and nothing is sent", async () => {
    const u = user();
    await u.say("/tanya Boleh bawa makanan?");
    expect(allText(await u.press("ticket_drop"))).toContain("tidak dikirim");
    expect(allText(await u.press("ticket_send"))).toContain("Tidak ada pertanyaan");
    expect(await lib.db.ticket.count({ where: { patronId: await u.patronId() } })).toBe(0);
  });

  it("WhatsApp user rates with the number 4", async () => {
    const u = user("whatsapp");
    await u.say("/tanya Apakah kartu anggota bisa dibuat online?");
    await u.press("ticket_send");
    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } });
    await tickets.answer(ticket.id, librarian, "Bisa, lewat formulir di situs perpustakaan.");

    const rated = last(await u.say("4"));
    expect(rated.text).toContain("penilaian 4");
    expect(payloads(rated)).toEqual(["rate_skip"]);
    expect(allText(await u.say("Jawabannya jelas, terima kasih"))).toContain("komentar Anda");
    expect(await lib.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ rating: 4, ratingComment: "Jawabannya jelas, terima kasih" });
  });

  it("a <script> question is stored as text", async () => {
    const u = user();
    const question = "<script>alert('x')</script> kapan *buka*?";
    expect(last(await u.say(`/tanya ${question}`)).text).toContain("<script>alert('x')</script>");
    await u.press("ticket_send");
    expect((await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } })).question).toBe(question);
  });

  it("/hapusdata also removes an answer whose delivery failed and one already sent, so no retry can reach the person later", async () => {
    const u = user();
    await u.say("/tanya Apakah ada layanan antar buku?");
    await u.press("ticket_send");
    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } });
    await tickets.answer(ticket.id, librarian, "Ada, untuk lansia.");
    const [answer, rating] = await lib.db.outbox.findMany({ where: { recipient: u.userId }, orderBy: { id: "asc" } });
    // The channel gave up on the answer; the rating question went out.
    await lib.db.outbox.update({ where: { id: answer!.id }, data: { status: "failed", error: "chat not found" } });
    await lib.db.outbox.update({ where: { id: rating!.id }, data: { status: "sent", sentAt: clock.now() } });
    await u.say("/hapusdata");
    await u.say("ya");
    expect(await lib.db.outbox.count({ where: { recipient: u.userId } })).toBe(0);
  });

  it("/dataku counts the open question and /hapusdata removes the answer still waiting in the outbox", async () => {
    const u = user();
    await u.say("/tanya Apakah bisa memesan buku?");
    await u.press("ticket_send");
    expect(allText(await u.say("/dataku"))).toContain("masih terbuka: 1");
    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { patronId: await u.patronId() } });
    await tickets.answer(ticket.id, librarian, "Bisa.");
    expect(await lib.db.outbox.count({ where: { recipient: u.userId } })).toBe(2);
    await u.say("/hapusdata");
    await u.say("ya");
    expect(await lib.db.outbox.count({ where: { recipient: u.userId } })).toBe(0);
    expect(await lib.db.ticket.count({ where: { id: ticket.id } })).toBe(0);
  });
});
