import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createDialogEngine, type DialogEngine } from "../../api/dialog/engine.js";
import type { Reply } from "../../api/dialog/reply.js";
import { createFaq } from "../../api/faq/create-faq.js";
import { createFaqFeature } from "../../api/faq/faq-feature.js";
import { FAQ_MATCH_THRESHOLD } from "../../api/faq/faq-service.js";
import { FaqError, type FaqService } from "../../api/faq/faq-types.js";
import { createEscalationFeature } from "../../api/inbox/escalation-feature.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { StaffActor } from "../../api/inbox/ticket-types.js";
import { createOutboxService } from "../../api/outbox/outbox-service.js";
import { createSearchBackend } from "../../search/search-client.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";

let lib: DialogLibrary;
let faq: FaqService;
let engine: DialogEngine;
let actor: StaffActor;
const clock = testClock("2026-11-22T02:00:00Z");

const ENTRIES = [
  { question: "Bagaimana cara menjadi anggota perpustakaan?", answer: "Bawa KTP ke meja layanan; kartu anggota gratis dan langsung jadi.", locale: "id" as const },
  { question: "Berapa lama saya boleh meminjam buku?", answer: "Dua minggu, dan bisa diperpanjang sekali.", locale: "id" as const },
  { question: "Apakah ada wifi gratis di perpustakaan?", answer: "Ada, namanya PERPUS-KUPANG, sandinya di meja layanan.", locale: "id" as const },
  { question: "Berapa denda jika terlambat mengembalikan buku?", answer: "Rp500 per buku per hari.", locale: "id" as const },
  { question: "How do I become a library member?", answer: "Bring an ID card to the front desk; membership is free.", locale: "en" as const },
];

async function openTicket(question: string, answer: string | null, locale = "id"): Promise<number> {
  const patron = await lib.db.patron.create({ data: { channel: "telegram", channelUserId: `p${Math.random().toString(36).slice(2)}`, locale } });
  const ticket = await lib.db.ticket.create({
    data: { patronId: patron.id, channel: "telegram", recipient: patron.channelUserId, locale, branchCode: "PUSAT", question, answer, status: answer ? "answered" : "open", dueAt: new Date() },
  });
  return ticket.id;
}

let seq = 0;
function patron(locale = "id") {
  const userId = `faq${++seq}`;
  let n = 0;
  return (input: { text?: string; payload?: string }): Promise<Reply[]> =>
    engine.handle({ channel: "telegram", userId, messageId: `${userId}-${++n}`, locale, ...input });
}

/** The reply that answers (the first contact adds the privacy line before it). */
const last = (replies: Reply[]): Reply => replies[replies.length - 1]!;

beforeAll(async () => {
  lib = await createDialogLibrary();
  const staff = await lib.db.staff.create({ data: { email: "ani@perpus.example", name: "Ani", passwordHash: "x" } });
  actor = { id: staff.id, role: "librarian", name: staff.name };
  faq = createFaq({ db: lib.db, search: lib.search, log: lib.log });
  await faq.ensureReady();
  for (const e of ENTRIES) await faq.create(e, actor);
  // The way most entries arrive: a librarian answered a patron's ticket and saved it as FAQ.
  await faq.saveFromTicket(await openTicket("Jam berapa perpustakaan buka pada hari Sabtu?", "Hari Sabtu kami buka pukul 08.00 sampai 14.00."), actor);
  const outbox = createOutboxService({ db: lib.db, leaseMs: 60_000, maxAttempts: 3, retry: { baseMs: 1000, maxMs: 60_000 }, now: () => clock.now() });
  const tickets = createTicketService({ db: lib.db, outbox, log: lib.log, clock });
  engine = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config: lib.config(), log: lib.log, clock, features: [createEscalationFeature({ tickets }), createFaqFeature({ faq, log: lib.log })] });
});
afterAll(async () => {
  await lib?.close();
});

describe("saving a ticket as an FAQ entry", () => {
  it("turns the ticket's question and answer into a published entry that later questions find", async () => {
    const ticketId = await openTicket("Apakah ruang diskusi bisa dipesan untuk kelompok belajar?", "Bisa, pesan di meja layanan paling lambat sehari sebelumnya.");
    const entry = await faq.saveFromTicket(ticketId, actor);
    expect(entry).toMatchObject({ question: "Apakah ruang diskusi bisa dipesan untuk kelompok belajar?", answer: "Bisa, pesan di meja layanan paling lambat sehari sebelumnya.", locale: "id", published: true, sourceTicketId: ticketId, createdById: actor.id });
    const match = await faq.match("ruang diskusi bisa dipesan untuk kelompok belajar?", "id");
    expect(match).toMatchObject({ id: entry.id, source: "meilisearch" });
    const audit = await lib.db.auditLog.findMany({ where: { ticketId, action: "faq.save_from_ticket" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.staffId).toBe(actor.id);
    // Pressing the button twice does not make a second entry.
    expect((await faq.saveFromTicket(ticketId, actor)).id).toBe(entry.id);
    expect(await lib.db.faq.count({ where: { sourceTicketId: ticketId } })).toBe(1);
  });

  it("refuses a ticket nobody has answered yet, and one that does not exist", async () => {
    const ticketId = await openTicket("Apakah bisa cetak dokumen?", null);
    await expect(faq.saveFromTicket(ticketId, actor)).rejects.toMatchObject({ code: "no_answer" });
    await expect(faq.saveFromTicket(999_999, actor)).rejects.toBeInstanceOf(FaqError);
  });
});

describe("matching a question to an entry", () => {
  it.each([
    ["perpustakaan buka jam berapa hari sabtu?", "Jam berapa perpustakaan buka pada hari Sabtu?"],
    ["jam brp perpus buka hari sabtu?", "Jam berapa perpustakaan buka pada hari Sabtu?"],
    ["gimana caranya jadi anggota perpustakaan?", "Bagaimana cara menjadi anggota perpustakaan?"],
    ["berapa lama boleh pinjam buku di perpustakaan?", "Berapa lama saya boleh meminjam buku?"],
    ["apakah ada wifi di perpus?", "Apakah ada wifi gratis di perpustakaan?"],
    ["berapa denda terlambat?", "Berapa denda jika terlambat mengembalikan buku?"],
  ])("a rephrasing %j scores above the threshold for %j", async (question, expected) => {
    const [best] = await faq.candidates(question, 1);
    expect(best?.question).toBe(expected);
    expect(best!.score).toBeGreaterThanOrEqual(FAQ_MATCH_THRESHOLD);
  });

  it.each([
    "jam berapa perpustakaan tutup hari minggu?",
    "apakah perpustakaan menjual makanan?",
    "bagaimana cara daftar anggota?",
    "kapan perpustakaan tutup untuk libur lebaran?",
    "kenapa langit biru?",
  ])("a different question %j stays below the threshold", async (question) => {
    const [best] = await faq.candidates(question, 1);
    expect(best?.score ?? 0).toBeLessThan(FAQ_MATCH_THRESHOLD);
    expect(await faq.match(question, "id")).toBeNull();
  });

  it("one look-up gives the chat both the match and the closest entries", async () => {
    const found = await faq.lookUp("berapa denda terlambat?", "id", 3);
    expect(found.match?.question).toBe("Berapa denda jika terlambat mengembalikan buku?");
    expect(found.closest.map((e) => e.id)).toEqual((await faq.candidates("berapa denda terlambat?", 3)).map((e) => e.id));
    const none = await faq.lookUp("apakah perpustakaan menjual makanan?", "id", 2);
    expect(none.match).toBeNull();
    expect(none.closest.length).toBeLessThanOrEqual(2);
  });
});

describe("the chat answers from the FAQ", () => {
  it("answers a question like a saved one as coming from the librarians, and still offers a librarian and the catalogue", async () => {
    const say = patron();
    const reply = last(await say({ text: "jam berapa perpustakaan buka hari sabtu?" }));
    expect(reply.text).toContain("Jawaban dari pustakawan kami:");
    expect(reply.text).toContain("Hari Sabtu kami buka pukul 08.00 sampai 14.00.");
    expect(reply.buttons?.map((b) => b.payload)).toEqual(["librarian", expect.stringMatching(/^faq_search:\d+$/)]);
    expect(reply.buttons?.[0]?.label).toContain("Tanya pustakawan");

    // "Cari di katalog" searches the catalogue for the same words.
    const search = last(await say({ payload: reply.buttons![1]!.payload }));
    expect(search.text).not.toContain("Jawaban dari pustakawan");
    expect(search.text).toContain("jam berapa perpustakaan buka hari sabtu");
  });

  it("a patron not satisfied with the FAQ answer presses Tanya pustakawan and the question is already filled in", async () => {
    const say = patron();
    const reply = last(await say({ text: "apakah perpustakaan ada wifi gratis?" }));
    expect(reply.text).toContain("Jawaban dari pustakawan kami:");
    const draft = last(await say({ payload: reply.buttons![0]!.payload }));
    expect(draft.text).toContain("apakah perpustakaan ada wifi gratis?");
    expect(draft.buttons?.map((b) => b.payload)).toContain("ticket_send");
  });

  it("answers an unrelated question the usual way", async () => {
    const say = patron();
    const reply = last(await say({ text: "jam berapa perpustakaan tutup hari minggu?" }));
    expect(reply.text).not.toContain("Jawaban dari pustakawan");
    // The opening-hours answer it would get without any FAQ.
    expect(reply.text).toMatch(/Minggu/);
  });

  it("still searches the catalogue for 'ada buku laskar pelangi?'", async () => {
    const say = patron();
    const replies = await say({ text: "ada buku laskar pelangi?" });
    expect(replies.map((r) => r.text).join("\n")).toContain("Laskar Pelangi");
    expect(last(replies).text).not.toContain("Jawaban dari pustakawan");
  });

  it("searches the catalogue when a question finds no FAQ entry ('apakah ada bumi manusia?')", async () => {
    const say = patron();
    const replies = await say({ text: "apakah ada bumi manusia?" });
    expect(replies.map((r) => r.text).join("\n")).toContain("Bumi Manusia");
    expect(last(replies).text).not.toContain("Jawaban dari pustakawan");
  });

  it("stops answering from an entry once it is unpublished, and answers again when it is published", async () => {
    const entry = (await faq.list()).find((e) => e.question.startsWith("Berapa denda"))!;
    await faq.setPublished(entry.id, false, actor);
    expect(last(await patron()({ text: "berapa denda terlambat?" })).text).not.toContain("Rp500");
    await faq.setPublished(entry.id, true, actor);
    expect(last(await patron()({ text: "berapa denda terlambat?" })).text).toContain("Rp500");
    const actions = (await lib.db.auditLog.findMany({ where: { action: { in: ["faq.unpublish", "faq.publish"] } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["faq.unpublish", "faq.publish"]);
  });

  it("answers with the edited wording and finds the entry by its new question", async () => {
    const entry = (await faq.list()).find((e) => e.question.startsWith("Apakah ada wifi"))!;
    await faq.update(entry.id, { question: "Apakah perpustakaan punya colokan listrik untuk laptop?", answer: "Ada colokan di setiap meja baca." }, actor);
    expect(last(await patron()({ text: "apakah ada wifi di perpus?" })).text).not.toContain("colokan");
    const reply = last(await patron()({ text: "apakah ada colokan listrik untuk laptop?" }));
    expect(reply.text).toContain("Ada colokan di setiap meja baca.");
    expect(await lib.db.auditLog.count({ where: { action: "faq.update" } })).toBe(1);
  });

  it("answers an English question from the English entry, and an Indonesian one from the Indonesian entry", async () => {
    const en = last(await patron("en")({ text: "How can I become a member of the library?" }));
    expect(en.text).toContain("Answer from our librarians:");
    expect(en.text).toContain("membership is free");
    expect(en.buttons?.[0]?.payload).toBe("librarian");
    const id = last(await patron("id")({ text: "gimana caranya jadi anggota perpustakaan?" }));
    expect(id.text).toContain("kartu anggota gratis");
  });

  it("forgets a deleted entry", async () => {
    const entry = await faq.create({ question: "Apakah boleh membawa makanan ke ruang baca?", answer: "Tidak, hanya air putih.", locale: "id" }, actor);
    expect(last(await patron()({ text: "boleh membawa makanan ke ruang baca?" })).text).toContain("hanya air putih");
    await faq.remove(entry.id, actor);
    expect(last(await patron()({ text: "boleh membawa makanan ke ruang baca?" })).text).not.toContain("hanya air putih");
    await expect(faq.get(entry.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the service as npm start builds it", () => {
  it("answers from the FAQ on POST /v1/messages", async () => {
    const token = "test-service-token-0123456789";
    const app = createApp({ db: lib.db, search: lib.search, config: lib.config({ SERVICE_TOKEN: token }), log: lib.log, catalogue: lib.catalogue, faq });
    const res = await app.request("/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: "telegram", userId: "faq-app-1", messageId: "m1", text: "berapa denda terlambat?" }),
    });
    expect(res.status).toBe(200);
    const { replies } = (await res.json()) as { replies: Reply[] };
    expect(last(replies).text).toContain("Jawaban dari pustakawan kami:");
    expect(last(replies).text).toContain("Rp500");
  });
});

describe("the FAQ index", () => {
  it("is rebuilt from PostgreSQL at start when it is missing", async () => {
    await lib.search.client!.deleteIndex(`${lib.search.indexPrefix}faq`).waitTask();
    const restarted = createFaq({ db: lib.db, search: lib.search, log: lib.log });
    await restarted.ensureReady();
    const stats = await lib.search.client!.index(`${lib.search.indexPrefix}faq`).getStats();
    expect(stats.numberOfDocuments).toBe(await lib.db.faq.count({ where: { published: true } }));
    expect((await restarted.match("berapa denda terlambat?", "id"))?.answer).toContain("Rp500");
  });

  it("an index from before index-time synonyms (query-time synonyms, no variants) is rebuilt at start and still matches rephrasings", async () => {
    const uid = `${lib.search.indexPrefix}faq`;
    const index = lib.search.client!.index(uid);
    // What an older release left behind: one synonym at query time, documents without questionSyn.
    await index.updateSettings({ searchableAttributes: ["search.question"], synonyms: { caranya: ["cara"] } }).waitTask();
    const { results } = await index.getDocuments<Record<string, unknown> & { search: Record<string, unknown> }>({ limit: 100 });
    await index.addDocuments(results.map((d) => ({ ...d, search: { question: d.search.question } })), { primaryKey: "id" }).waitTask();
    const restarted = createFaq({ db: lib.db, search: lib.search, log: lib.log });
    await restarted.ensureReady();
    expect((await index.getSettings()).synonyms).toEqual({});
    const after = await index.getDocuments<{ search: { questionSyn?: string[] } }>({ limit: 100 });
    expect(after.results.every((d) => Array.isArray(d.search.questionSyn))).toBe(true);
    expect((await restarted.match("gimana caranya jadi anggota perpustakaan?", "id"))?.question).toBe("Bagaimana cara menjadi anggota perpustakaan?");
  });

  it("without Meilisearch, matches near-identical questions by their words in PostgreSQL", async () => {
    const offline = createFaq({ db: lib.db, search: createSearchBackend({}), log: lib.log });
    await offline.ensureReady();
    expect(await offline.match("berapa lama saya boleh pinjam buku?", "id")).toMatchObject({ question: "Berapa lama saya boleh meminjam buku?", source: "postgres" });
    expect(await offline.match("jam berapa perpustakaan tutup hari minggu?", "id")).toBeNull();
  });
});
