// The dashboard's "Akun Telegram" page: a librarian sees whether their Telegram account is linked,
// makes a one-time link code with a CSRF-protected form, and unlinks; only their own account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerTelegramAccountPages } from "../../api/dashboard/telegram-account-pages.js";
import { createStaffTelegram, type StaffTelegram } from "../../api/inbox/staff-telegram.js";
import { createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";

let h: DashboardHarness;
let links: StaffTelegram;
let rina: { id: number; email: string; password: string };
let budi: { id: number; email: string; password: string };

beforeAll(async () => {
  h = await createDashboardHarness();
  links = createStaffTelegram({ db: h.test.db, audit: h.dashboard.audit });
  registerTelegramAccountPages(h.app, { db: h.test.db, staffTelegram: links, staffGroupConfigured: false });
  rina = await h.staff("rina@perpus.example", "librarian");
  budi = await h.staff("budi@perpus.example", "librarian");
});

afterAll(async () => {
  await h?.close();
});

describe("Akun Telegram page", () => {
  it("is behind the login, and its forms need the CSRF token", async () => {
    expect((await h.app.request("/staff/telegram")).status).toBe(401);
    expect((await h.app.request("/staff/telegram/code", { method: "POST" })).status).toBe(401);
    const client = await h.signedIn(rina);
    expect((await client.post("/staff/telegram/code", {})).status).toBe(403);
    expect((await client.post("/staff/telegram/code", { _csrf: "wrong" })).status).toBe(403);
    expect((await h.test.db.staff.findUniqueOrThrow({ where: { id: rina.id } })).telegramLinkCode).toBeNull();
  });

  it("a librarian makes a code for their own account, links it in Telegram, and unlinks", async () => {
    const client = await h.signedIn(rina);
    let html = await (await client.get("/staff/telegram")).text();
    expect(html).toContain("Status: belum tertaut.");
    expect(html).toContain("TELEGRAM_STAFF_CHAT_ID");

    const made = await client.post("/staff/telegram/code", { _csrf: await client.csrf("/staff/telegram") });
    expect(made.status).toBe(303);
    const row = await h.test.db.staff.findUniqueOrThrow({ where: { id: rina.id } });
    expect(row.telegramLinkCode).toMatch(/^[A-Z2-9]{8}$/);
    html = await (await client.get(made.headers.get("location")!)).text();
    expect(html).toContain(`/tautkan ${row.telegramLinkCode}`);
    expect(html).toContain("Kode baru dibuat");
    // Budi's page shows nothing of Rina's code.
    expect(await (await (await h.signedIn(budi)).get("/staff/telegram")).text()).not.toContain(row.telegramLinkCode!);

    await links.link(row.telegramLinkCode!, "7001");
    html = await (await client.get("/staff/telegram")).text();
    expect(html).toContain("Status: tertaut.");
    expect(html).not.toContain("/tautkan ");

    const unlinked = await client.post("/staff/telegram/unlink", { _csrf: await client.csrf("/staff/telegram") });
    expect(unlinked.status).toBe(303);
    expect((await h.test.db.staff.findUniqueOrThrow({ where: { id: rina.id } })).telegramUserId).toBeNull();
    expect(await (await client.get(unlinked.headers.get("location")!)).text()).toContain("Tautan Telegram dilepas.");
    expect(await h.test.db.auditLog.count({ where: { staffId: rina.id, action: { in: ["staff.telegram_code", "staff.telegram_link", "staff.telegram_unlink"] } } })).toBe(3);
  });
});
