// The dashboard's FAQ pages: "Simpan sebagai FAQ" on an answered ticket, the list, the edit form,
// show/hide and delete, all behind the login and the CSRF check, and every change reaching the
// chat's FAQ matching (real PostgreSQL and Meilisearch).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaq } from "../../api/faq/create-faq.js";
import { registerFaqPages } from "../../api/faq/faq-pages.js";
import type { FaqService } from "../../api/faq/faq-types.js";
import { createLogger } from "../../api/logger.js";
import { createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";
import { createTestSearch } from "../support/test-search.js";

let h: DashboardHarness;
let faq: FaqService;
let search: ReturnType<typeof createTestSearch>;
let rina: { id: number; email: string; password: string };

beforeAll(async () => {
  h = await createDashboardHarness();
  search = createTestSearch({ timeoutMs: 30_000 });
  faq = createFaq({ db: h.test.db, search, log: createLogger({ level: "silent" }) });
  await faq.ensureReady();
  registerFaqPages(h.app, { faq });
  rina = await h.staff("rina@perpus.example", "librarian");
});

afterAll(async () => {
  await search?.cleanup();
  await h?.close();
});

async function answeredTicket(question: string, answer: string): Promise<number> {
  const id = await h.ticket(question);
  const actor = { id: rina.id, role: "librarian" as const, name: "rina" };
  await h.tickets.claim(id, actor);
  await h.tickets.answer(id, actor, answer);
  return id;
}

describe("FAQ pages", () => {
  it("are behind the login, and their forms need the CSRF token", async () => {
    expect((await h.app.request("/staff/faq")).status).toBe(401);
    expect((await h.app.request("/staff/tickets/1/faq", { method: "POST" })).status).toBe(401);
    const client = await h.signedIn(rina);
    const ticketId = await answeredTicket("Apakah bisa cetak dokumen di perpustakaan?", "Bisa, Rp1.000 per lembar.");
    expect((await client.post(`/staff/tickets/${ticketId}/faq`, {})).status).toBe(403);
    expect((await client.post("/staff/faq", { _csrf: "wrong", question: "x?", answer: "y", locale: "id", published: "1" })).status).toBe(403);
    expect(await h.test.db.faq.count()).toBe(0);
  });

  it("a librarian saves an answered ticket as FAQ from the ticket page, and the chat finds it", async () => {
    const client = await h.signedIn(rina);
    const ticketId = await answeredTicket("Jam berapa perpustakaan buka pada hari Sabtu?", "Hari Sabtu kami buka pukul 08.00 sampai 14.00.");
    const page = await (await client.get(`/staff/tickets/${ticketId}`)).text();
    expect(page).toContain(`action="/staff/tickets/${ticketId}/faq"`);
    expect(page).toContain("Simpan sebagai FAQ");

    const saved = await client.post(`/staff/tickets/${ticketId}/faq`, { _csrf: await client.csrf(`/staff/tickets/${ticketId}`) });
    expect(saved.status).toBe(303);
    const location = saved.headers.get("location")!;
    expect(location).toMatch(/^\/staff\/faq\/\d+\?from_ticket=1$/);
    const edit = await (await client.get(location)).text();
    expect(edit).toContain(`Disimpan sebagai FAQ dari tiket #${ticketId}`);
    expect(edit).toContain('value="Jam berapa perpustakaan buka pada hari Sabtu?"');
    expect((await faq.match("jam berapa perpustakaan buka hari sabtu?", "id"))?.answer).toBe("Hari Sabtu kami buka pukul 08.00 sampai 14.00.");
    expect(await h.test.db.auditLog.count({ where: { staffId: rina.id, action: "faq.save_from_ticket", ticketId } })).toBe(1);
  });

  it("refuses to save a ticket that has no answer yet", async () => {
    const client = await h.signedIn(rina);
    const ticketId = await h.ticket("Apakah ada loker untuk tas?");
    const res = await client.post(`/staff/tickets/${ticketId}/faq`, { _csrf: await client.csrf("/staff/faq") });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("belum punya jawaban");
  });

  it("editing an entry changes what the chat answers; hiding and deleting take it out", async () => {
    const client = await h.signedIn(rina);
    const created = await client.post("/staff/faq", { _csrf: await client.csrf("/staff/faq"), question: "Berapa denda jika terlambat mengembalikan buku?", answer: "Rp500 per hari.", locale: "id", published: "1" });
    expect(created.status).toBe(303);
    const entry = (await faq.list()).find((e) => e.question.startsWith("Berapa denda"))!;
    expect((await faq.match("berapa denda terlambat?", "id"))?.answer).toBe("Rp500 per hari.");

    const edited = await client.post(`/staff/faq/${entry.id}`, { _csrf: await client.csrf(`/staff/faq/${entry.id}`), question: entry.question, answer: "Rp1.000 per buku per hari.", locale: "id", published: "1" });
    expect(edited.status).toBe(303);
    expect((await faq.match("berapa denda terlambat?", "id"))?.answer).toBe("Rp1.000 per buku per hari.");

    const hidden = await client.post(`/staff/faq/${entry.id}/unpublish`, { _csrf: await client.csrf("/staff/faq") });
    expect(hidden.status).toBe(303);
    expect(await faq.match("berapa denda terlambat?", "id")).toBeNull();
    expect(await (await client.get("/staff/faq")).text()).toContain("Disembunyikan");

    const deleted = await client.post(`/staff/faq/${entry.id}/delete`, { _csrf: await client.csrf("/staff/faq") });
    expect(deleted.status).toBe(303);
    expect(await h.test.db.faq.findUnique({ where: { id: entry.id } })).toBeNull();
    expect((await client.get(`/staff/faq/${entry.id}`)).status).toBe(404);
    const actions = (await h.test.db.auditLog.findMany({ where: { staffId: rina.id, action: { startsWith: "faq." } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["faq.save_from_ticket", "faq.create", "faq.update", "faq.unpublish", "faq.delete"]);
  });

  it("shows a question with markup as text, and says what is missing in an incomplete form", async () => {
    const client = await h.signedIn(rina);
    const csrf = await client.csrf("/staff/faq");
    expect((await client.post("/staff/faq", { _csrf: csrf, question: "<script>alert(1)</script> boleh?", answer: "Tidak.", locale: "id", published: "1" })).status).toBe(303);
    const html = await (await client.get("/staff/faq")).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const bad = await client.post("/staff/faq", { _csrf: csrf, question: "Apakah ada musala?", answer: "", locale: "id" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Pertanyaan dan jawaban wajib diisi.");
  });
});
