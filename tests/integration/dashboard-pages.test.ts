import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../support/dialog-library.js";
import { cookieClient, createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";

// Sunday 22 Nov 2026, 10:00 in Kupang: branches are closed, so dueAt lies in Monday's hours.
const clock = testClock("2026-11-22T02:00:00Z");
let h: DashboardHarness;
let admin: { id: number; email: string; password: string };
let rina: { id: number; email: string; password: string };
let budi: { id: number; email: string; password: string };

beforeAll(async () => {
  h = await createDashboardHarness({ clock });
  admin = await h.staff("kepala@perpus.example", "admin");
  rina = await h.staff("rina@perpus.example", "librarian");
  budi = await h.staff("budi@perpus.example", "librarian");
});

afterAll(async () => {
  await h?.close();
});

async function signedIn(who: { email: string; password: string }) {
  const client = await h.signedIn(who);
  return { client, token: await client.csrf("/staff/queue") };
}

const text = async (res: Response) => (await res.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe("queue", () => {
  it("shows open tickets oldest first, filters by channel and branch, and marks tickets past their due time in words", async () => {
    const older = await h.ticket("Jam buka cabang Oebobo hari Minggu?", { channel: "whatsapp", branchCode: "OEBOBO" });
    clock.advance(60_000);
    const newer = await h.ticket("Bisa pinjam e-book lewat aplikasi?", { channel: "telegram", branchCode: "PUSAT" });
    const { client } = await signedIn(rina);
    let html = await text(await client.get("/staff/queue"));
    expect(html.indexOf(`#${older}`)).toBeLessThan(html.indexOf(`#${newer}`));
    expect(html).not.toContain("Lewat batas waktu");

    html = await text(await client.get("/staff/queue?channel=whatsapp"));
    expect(html).toContain(`#${older}<`);
    expect(html).not.toContain(`#${newer}<`);
    html = await text(await client.get("/staff/queue?branch=PUSAT"));
    expect(html).not.toContain(`#${older}<`);
    expect(html).toContain(`#${newer}<`);

    clock.advance(3 * 24 * 3_600_000); // Wednesday: well past the two opening hours of the SLA
    const later = (await signedIn(rina)).client; // the old session went idle meanwhile
    html = await text(await later.get("/staff/queue"));
    expect(html).toContain("Lewat batas waktu");
    expect(html).toMatch(/<tr class="overdue">/);
    html = await text(await later.get("/staff/queue?status=closed"));
    expect(html).toContain("Tidak ada tiket di sini.");
  });
});

describe("ticket actions", () => {
  it("a librarian with a home branch sees that branch's tickets first and all branches one choice away", async () => {
    const ana = await h.staff("ana@perpus.example", "librarian");
    await h.test.db.staff.update({ where: { id: ana.id }, data: { branchCode: "OEBOBO" } });
    await h.ticket("Apakah cabang Oebobo punya ruang baca anak?", { branchCode: "OEBOBO" });
    await h.ticket("Apakah pusat punya mesin fotokopi?", { branchCode: "PUSAT" });
    const { client } = await signedIn(ana);
    const own = await (await client.get("/staff/queue")).text();
    expect(own).toContain("ruang baca anak");
    expect(own).not.toContain("mesin fotokopi");
    expect(own).toContain('href="/staff/queue?status=claimed&amp;branch=OEBOBO"');
    const all = await (await client.get("/staff/queue?branch=")).text();
    expect(all).toContain("ruang baca anak");
    expect(all).toContain("mesin fotokopi");
    // Switching tabs keeps "all branches".
    expect(all).toContain('href="/staff/queue?status=claimed&amp;branch="');
  });

  it("the second librarian to claim is told who has it, and the ticket stays with the first", async () => {
    const id = await h.ticket("Apakah ada buku tentang tenun ikat Sumba?");
    const first = await signedIn(rina);
    const second = await signedIn(budi);
    expect((await first.client.post(`/staff/tickets/${id}/claim`, { _csrf: first.token })).headers.get("location")).toBe(`/staff/tickets/${id}?done=claim`);
    const refused = await second.client.post(`/staff/tickets/${id}/claim`, { _csrf: second.token });
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("Sudah diambil oleh rina.");
    expect((await h.tickets.get(id)).assignee?.id).toBe(rina.id);
  });

  it("'Pakai' puts a canned answer after the typed text without sending anything; 'Kirim jawaban' sends it", async () => {
    const canned = await h.test.db.cannedAnswer.create({ data: { title: "Jam layanan", body: "Kami buka Senin–Jumat 08.00–16.00." } });
    const id = await h.ticket("Kapan perpustakaan buka?", { user: "patron-hours" });
    const { client, token } = await signedIn(rina);
    await client.post(`/staff/tickets/${id}/claim`, { _csrf: token });
    const composed = await client.post(`/staff/tickets/${id}/compose`, { _csrf: token, text: "Halo!", canned: String(canned.id) });
    expect(composed.status).toBe(200);
    expect(await text(composed)).toMatch(/<textarea[^>]*name="text"[^>]*>Halo!\n\nKami buka Senin–Jumat 08.00–16.00.<\/textarea>/);
    expect((await h.tickets.get(id)).status).toBe("claimed");

    const sent = await client.post(`/staff/tickets/${id}/answer`, { _csrf: token, text: "Halo! Kami buka Senin–Jumat 08.00–16.00." });
    expect(sent.headers.get("location")).toBe(`/staff/tickets/${id}?done=answer`);
    const page = await text(await client.get(`/staff/tickets/${id}?done=answer`));
    expect(page).toContain("Jawaban sudah dikirim ke antrean pengiriman.");
    expect(page).toContain("mengirim jawaban");
    expect(await h.test.db.outbox.count({ where: { recipient: "patron-hours" } })).toBeGreaterThanOrEqual(2); // answer + rating question
  });

  it("an empty answer is refused with a message and the ticket stays claimed", async () => {
    const id = await h.ticket("Boleh bawa laptop ke ruang baca?");
    const { client, token } = await signedIn(rina);
    await client.post(`/staff/tickets/${id}/claim`, { _csrf: token });
    const res = await client.post(`/staff/tickets/${id}/answer`, { _csrf: token, text: "   " });
    expect(res.status).toBe(409);
    expect(await text(res)).toContain("Teksnya masih kosong.");
    expect((await h.tickets.get(id)).status).toBe("claimed");
  });

  it("a note, a transfer to another branch, close and reopen all work from plain forms and land in the audit trail", async () => {
    const id = await h.ticket("Saya mau donasi buku, ke mana?", { branchCode: "PUSAT" });
    const { client, token } = await signedIn(budi);
    await client.post(`/staff/tickets/${id}/claim`, { _csrf: token });
    expect((await client.post(`/staff/tickets/${id}/note`, { _csrf: token, text: "Tanya bagian pengadaan dulu" })).status).toBe(303);
    expect((await client.post(`/staff/tickets/${id}/transfer`, { _csrf: token, to: "branch:ALAK" })).status).toBe(303);
    expect((await h.tickets.get(id)).branchCode).toBe("ALAK");
    expect((await client.post(`/staff/tickets/${id}/close`, { _csrf: token })).status).toBe(303);
    expect((await client.post(`/staff/tickets/${id}/reopen`, { _csrf: token })).status).toBe(303);
    const page = await text(await client.get(`/staff/tickets/${id}`));
    expect(page).toContain("Tanya bagian pengadaan dulu");
    for (const words of ["menulis catatan internal", "mengalihkan tiket", "menutup tiket", "membuka kembali tiket"]) expect(page).toContain(words);
    expect((await client.post(`/staff/tickets/${id}/transfer`, { _csrf: token, to: "" })).status).toBe(400);
  });

  it("a ticket the patron cancelled offers no answer, close or reopen button, only notes", async () => {
    const id = await h.ticket("Masih buka sampai jam berapa?", { user: "cancels-1" });
    const patron = await h.test.db.patron.findFirstOrThrow({ where: { channelUserId: "cancels-1" } });
    await h.tickets.cancel(id, patron.id);
    const { client } = await signedIn(rina);
    const page = await text(await client.get(`/staff/tickets/${id}`));
    expect(page).toContain(`action="/staff/tickets/${id}/note"`);
    for (const action of ["answer", "close", "reopen", "claim", "transfer"]) expect(page).not.toContain(`action="/staff/tickets/${id}/${action}"`);
  });

  it("an unknown ticket is a 404 page, not an error", async () => {
    const { client } = await signedIn(rina);
    expect((await client.get("/staff/tickets/999999")).status).toBe(404);
    expect((await client.get("/staff/tickets/abc")).status).toBe(404);
  });
});

describe("language", () => {
  it("the 'English' link switches the dashboard to English, from the login page too, and back", async () => {
    const client = cookieClient(h.app);
    const login = await text(await client.get("/staff/login"));
    expect(login).toContain('<html lang="id">');
    const link = /href="(\/staff\/lang\?to=en[^"]*)"/.exec(login)![1]!.replace(/&amp;/g, "&");
    expect((await client.get(link)).headers.get("location")).toBe("/staff/login");
    expect(await text(await client.get("/staff/login"))).toContain("<title>Log in ·");
    expect((await client.login(rina.email, rina.password)).status).toBe(303);
    const queue = await text(await client.get("/staff/queue"));
    expect(queue).toContain('<html lang="en">');
    expect(queue).toContain("Question queue");
    await client.get("/staff/lang?to=id&back=%2Fstaff%2Fcanned");
    expect(await text(await client.get("/staff/canned"))).toContain("Jawaban siap pakai");
    expect((await client.get("/staff/lang?to=id&back=https%3A%2F%2Fevil.example")).headers.get("location")).toBe("/staff/queue");
  });
});

describe("canned answers", () => {
  it("a librarian adds, edits and deletes a canned answer; each change is audited", async () => {
    const { client, token } = await signedIn(rina);
    expect((await client.post("/staff/canned", { _csrf: token, title: "Kartu anggota", body: "Bawa KTP ke meja layanan.", locale: "id" })).status).toBe(303);
    const row = await h.test.db.cannedAnswer.findFirstOrThrow({ where: { title: "Kartu anggota" } });
    expect(await text(await client.get("/staff/canned"))).toContain("Bawa KTP ke meja layanan.");
    expect((await client.post(`/staff/canned/${row.id}`, { _csrf: token, title: "Kartu anggota", body: "Bawa KTP atau kartu pelajar.", locale: "id" })).status).toBe(303);
    expect((await h.test.db.cannedAnswer.findUniqueOrThrow({ where: { id: row.id } })).body).toBe("Bawa KTP atau kartu pelajar.");
    expect((await client.post("/staff/canned", { _csrf: token, title: "", body: "" })).status).toBe(400);
    expect((await client.post(`/staff/canned/${row.id}/delete`, { _csrf: token })).status).toBe(303);
    expect(await h.test.db.cannedAnswer.count({ where: { id: row.id } })).toBe(0);
    const actions = (await h.test.db.auditLog.findMany({ where: { staffId: rina.id, action: { startsWith: "canned." } } })).map((a) => a.action);
    expect(actions).toEqual(["canned.create", "canned.update", "canned.delete"]);
  });
});

describe("accounts and one-time passwords", () => {
  it("the first start's admin must replace the one-time password before any other page opens", async () => {
    const empty = await createDashboardHarness({ env: { STAFF_ADMIN_EMAIL: "admin@localhost" } });
    try {
      const first = await empty.dashboard.accounts.ensureFirstAdmin("admin@localhost");
      expect(first?.email).toBe("admin@localhost");
      expect(await empty.dashboard.accounts.ensureFirstAdmin("admin@localhost")).toBeNull();
      const client = cookieClient(empty.app);
      const login = await client.login("admin@localhost", first!.password, "/staff/canned");
      expect(login.headers.get("location")).toBe("/staff/password");
      expect((await client.get("/staff/queue")).headers.get("location")).toBe("/staff/password");
      const token = await client.csrf("/staff/password");
      expect((await client.post("/staff/canned", { _csrf: token, title: "x", body: "y" })).status).toBe(403);
      const short = await client.post("/staff/password", { _csrf: token, current: first!.password, new: "pendek", confirm: "pendek" });
      expect(await text(short)).toContain("terlalu pendek");
      const ok = await client.post("/staff/password", { _csrf: token, current: first!.password, new: "sandi-baru-kupang", confirm: "sandi-baru-kupang" });
      expect(await text(ok)).toContain("Kata sandi sudah diganti.");
      expect((await client.get("/staff/queue")).status).toBe(200);
      expect(await empty.dashboard.accounts.mustChangePassword(first!.email ? (await empty.test.db.staff.findFirstOrThrow()).id : 0)).toBe(false);
    } finally {
      await empty.close();
    }
  });

  it("an admin adds a librarian on the staff page, sees the one-time password once, and can reset and disable the account", async () => {
    const { client, token } = await signedIn(admin);
    const added = await text(await client.post("/staff/accounts", { _csrf: token, email: "Sari@Perpus.example", name: "Sari", role: "librarian", branch: "MAULAFA" }));
    const password = /id="one-time-password">([^<]+)</.exec(added)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const sari = await h.test.db.staff.findUniqueOrThrow({ where: { email: "sari@perpus.example" } });
    expect(sari).toMatchObject({ role: "librarian", branchCode: "MAULAFA", active: true });
    expect(await text(await client.get("/staff/accounts"))).not.toContain(password!);

    const sariClient = cookieClient(h.app);
    expect((await sariClient.login("sari@perpus.example", password!)).headers.get("location")).toBe("/staff/password");

    const reset = await text(await client.post(`/staff/accounts/${sari.id}/reset`, { _csrf: token }));
    const second = /id="one-time-password">([^<]+)</.exec(reset)?.[1];
    expect(second).not.toBe(password);
    expect((await sariClient.get("/staff/password")).status).toBe(303); // the reset ended her session

    expect((await client.post(`/staff/accounts/${sari.id}/disable`, { _csrf: token })).status).toBe(200);
    expect((await cookieClient(h.app).login("sari@perpus.example", second!)).status).toBe(401);
    expect((await client.post("/staff/accounts", { _csrf: token, email: "rina@perpus.example", role: "librarian" })).status).toBe(400);
    expect((await client.post(`/staff/accounts/${admin.id}/disable`, { _csrf: token })).status).toBe(409);
    const actions = (await h.test.db.auditLog.findMany({ where: { staffId: admin.id, action: { startsWith: "staff." } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["staff.add", "staff.password_issued", "staff.reset_password", "staff.password_issued", "staff.disable"]);
  });
});
