import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginLimiter } from "../../api/dashboard/auth/login-limiter.js";
import { verifyPassword } from "../../api/dashboard/auth/password-hash.js";
import { testClock } from "../support/dialog-library.js";
import { cookieClient, createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";

const clock = testClock("2026-11-23T01:00:00Z");
let h: DashboardHarness;
let ticketId: number;
let admin: { id: number; email: string; password: string };
let librarian: { id: number; email: string; password: string };

beforeAll(async () => {
  h = await createDashboardHarness({ clock });
  admin = await h.staff("kepala@perpus.example", "admin");
  librarian = await h.staff("rina@perpus.example", "librarian");
  ticketId = await h.ticket("Apakah ada arsip koran Pos Kupang tahun 1998?");
});

afterAll(async () => {
  await h?.close();
});

describe("no page without a session", () => {
  const pages = ["/staff", "/staff/queue", "/staff/queue?status=closed", "/staff/tickets/1", "/staff/canned", "/staff/canned/1", "/staff/accounts", "/staff/password", "/staff/reports", "/staff/faq"];
  const posts = ["/staff/tickets/1/claim", "/staff/tickets/1/answer", "/staff/canned", "/staff/accounts", "/staff/logout", "/staff/password"];

  it("a browser opening any dashboard page is sent to the login page, and comes back to it after logging in", async () => {
    for (const path of pages) {
      const res = await h.app.request(path, { headers: { accept: "text/html" } });
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toBe(`/staff/login?next=${encodeURIComponent(path)}`);
    }
    const client = cookieClient(h.app);
    const token = await client.csrf("/staff/login");
    const res = await client.post("/staff/login", { _csrf: token, email: librarian.email, password: librarian.password, next: "/staff/canned" });
    expect(res.headers.get("location")).toBe("/staff/canned");
  });

  it("a script or API client without a session gets 401 on every page and every form target", async () => {
    for (const path of pages) expect((await h.app.request(path)).status, path).toBe(401);
    for (const path of posts) {
      const res = await h.app.request(path, { method: "POST", body: "text=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(res.status, path).toBe(401);
    }
    expect(await (await h.app.request("/staff/queue")).json()).toMatchObject({ error: "unauthorized" });
  });

  it("a forged or stolen-looking cookie is no session", async () => {
    const res = await h.app.request("/staff/queue", { headers: { cookie: "tp_staff=not-a-real-token" } });
    expect(res.status).toBe(401);
  });

  it("after login with 'next' pointing at another site, the librarian lands on the queue instead", async () => {
    const client = cookieClient(h.app);
    const res = await client.login(librarian.email, librarian.password, "//evil.example/staff");
    expect(res.headers.get("location")).toBe("/staff/queue");
  });
});

describe("CSRF", () => {
  it("a claim without the form's CSRF token or with a wrong one is refused with 403 and changes nothing", async () => {
    const client = await h.signedIn(librarian);
    expect((await client.post(`/staff/tickets/${ticketId}/claim`, {})).status).toBe(403);
    expect((await client.post(`/staff/tickets/${ticketId}/claim`, { _csrf: "wrong-token" })).status).toBe(403);
    const other = await h.signedIn(admin);
    const othersToken = await other.csrf("/staff/queue");
    expect((await client.post(`/staff/tickets/${ticketId}/claim`, { _csrf: othersToken })).status).toBe(403);
    expect((await h.tickets.get(ticketId)).status).toBe("open");
  });

  it("logout is a POST with the token too: without it the session stays", async () => {
    const client = await h.signedIn(librarian);
    expect((await client.post("/staff/logout", {})).status).toBe(403);
    expect((await client.get("/staff/queue")).status).toBe(200);
  });

  it("every form on the ticket page carries the session's token", async () => {
    const client = await h.signedIn(librarian);
    const html = await (await client.get(`/staff/tickets/${ticketId}`)).text();
    const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
    expect(forms.length).toBeGreaterThanOrEqual(5);
    const token = await client.csrf("/staff/queue");
    for (const f of forms) expect(f).toContain(`name="_csrf" value="${token}"`);
  });

  it("the login form refuses a post without its own token (login CSRF)", async () => {
    const res = await h.app.request("/staff/login", {
      method: "POST",
      body: new URLSearchParams({ email: librarian.email, password: librarian.password }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("tp_staff="))).toBe(false);
  });
});

describe("request size", () => {
  it("a login post of megabytes is refused with 413 before the form is read", async () => {
    const client = cookieClient(h.app);
    const token = await client.csrf("/staff/login");
    const res = await client.post("/staff/login", { _csrf: token, email: librarian.email, password: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe("roles", () => {
  it("a librarian gets 403 on the staff admin page and its forms; an admin sees it", async () => {
    const lib = await h.signedIn(librarian);
    const token = await lib.csrf("/staff/queue");
    const page = await lib.get("/staff/accounts");
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Halaman ini hanya untuk admin.");
    expect((await lib.post("/staff/accounts", { _csrf: token, email: "baru@perpus.example", role: "admin" })).status).toBe(403);
    expect((await lib.post(`/staff/accounts/${admin.id}/disable`, { _csrf: token })).status).toBe(403);
    expect(await h.test.db.staff.count({ where: { email: "baru@perpus.example" } })).toBe(0);
    expect(await (await lib.get("/staff/queue")).text()).not.toContain('href="/staff/accounts"');

    const adm = await h.signedIn(admin);
    const adminPage = await adm.get("/staff/accounts");
    expect(adminPage.status).toBe(200);
    expect(await adminPage.text()).toContain(librarian.email);
  });
});

describe("login", () => {
  it("after 5 wrong passwords for one address the 6th attempt gets 429 with a clear message, even with the right password; another account is not blocked", async () => {
    const victim = await h.staff("budi@perpus.example", "librarian");
    const client = cookieClient(h.app);
    for (let i = 0; i < 5; i++) expect((await client.login(victim.email, `wrong-${i}`)).status).toBe(401);
    const blocked = await client.login(victim.email, victim.password);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.");
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith("tp_staff="))).toBe(false);
    expect((await cookieClient(h.app).login(librarian.email, librarian.password)).status).toBe(303);
    // The window passes: the right password works again.
    clock.advance(15 * 60_000 + 1000);
    expect((await client.login(victim.email, victim.password)).status).toBe(303);
    expect(await h.test.db.auditLog.count({ where: { action: "login.failed" } })).toBeGreaterThanOrEqual(5);
  });

  it("ten wrong passwords for one address sent all at once: five are checked, the other five get 429", async () => {
    const victim = await h.staff("sari@perpus.example", "librarian");
    const clients = Array.from({ length: 10 }, () => cookieClient(h.app));
    const tokens = await Promise.all(clients.map((c) => c.csrf("/staff/login")));
    const answers = await Promise.all(clients.map((c, i) => c.post("/staff/login", { _csrf: tokens[i]!, email: victim.email, password: `guess-${i}` })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it("guessing one account's password from many client addresses stops at four times the per-address limit", async () => {
    const limiter = createLoginLimiter({ db: h.test.db, clock, maxFailures: 5, windowMinutes: 15 });
    const email = "dewi@perpus.example";
    for (let i = 0; i < 19; i++) await limiter.failed(email, `203.0.113.${i}`, null);
    expect(await limiter.blockedFor(email, "198.51.100.7")).toBe(0);
    await limiter.failed(email, "203.0.113.99", null);
    expect(await limiter.blockedFor(email, "198.51.100.7")).toBe(15);
    // Another address of the same person's colleague is not affected.
    expect(await limiter.blockedFor("eka@perpus.example", "203.0.113.1")).toBe(0);
  });

  it("someone at an unlocked desk cannot guess the current password on the change-password page: wrong guesses count like failed logins", async () => {
    const owner = await h.staff("yuni@perpus.example", "librarian");
    const client = await h.signedIn(owner);
    const token = await client.csrf("/staff/password");
    for (let i = 0; i < 5; i++) {
      const res = await client.post("/staff/password", { _csrf: token, current: `tebakan-${i}`, new: "sandi-baru-kupang", confirm: "sandi-baru-kupang" });
      expect(res.status).toBe(400);
    }
    const blocked = await client.post("/staff/password", { _csrf: token, current: owner.password, new: "sandi-baru-kupang", confirm: "sandi-baru-kupang" });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Terlalu banyak percobaan masuk yang gagal.");
    const row = await h.test.db.staff.findUniqueOrThrow({ where: { email: owner.email } });
    expect(await verifyPassword(owner.password, row.passwordHash)).toBe(true);
  });

  it("a wrong password and an unknown address get the same answer", async () => {
    const a = await cookieClient(h.app).login(librarian.email, "not-the-password");
    const b = await cookieClient(h.app).login("nobody@perpus.example", "not-the-password");
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await a.text()).toContain("Email atau kata sandi salah.");
    expect(await b.text()).toContain("Email atau kata sandi salah.");
  });

  it("passwords are stored as salted scrypt hashes, never as plain text, and verify", async () => {
    const row = await h.test.db.staff.findUniqueOrThrow({ where: { email: librarian.email } });
    expect(row.passwordHash).not.toContain(librarian.password);
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(librarian.password, row.passwordHash)).toBe(true);
    expect(await verifyPassword(`${librarian.password}x`, row.passwordHash)).toBe(false);
    const other = await h.test.db.staff.findUniqueOrThrow({ where: { email: admin.email } });
    expect(other.passwordHash).not.toBe(row.passwordHash); // same password, different salt
  });

  it("the session cookie is HttpOnly, Secure, SameSite=Lax and limited to /staff; the database keeps only its hash", async () => {
    const client = cookieClient(h.app);
    const res = await client.login(librarian.email, librarian.password);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("tp_staff="))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/staff/i);
    const token = client.jar.get("tp_staff")!;
    expect(await h.test.db.staffSession.count({ where: { id: token } })).toBe(0);
    expect(await h.test.db.auditLog.count({ where: { action: "login", staffId: librarian.id } })).toBeGreaterThan(0);
  });
});

describe("session end", () => {
  it("a session idle longer than STAFF_SESSION_IDLE_MINUTES ends", async () => {
    const client = await h.signedIn(librarian);
    clock.advance(119 * 60_000);
    expect((await client.get("/staff/queue")).status).toBe(200);
    clock.advance(121 * 60_000);
    const res = await client.get("/staff/queue");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/staff/login");
  });

  it("a session ends STAFF_SESSION_MAX_HOURS after login even when used all the time", async () => {
    const client = await h.signedIn(librarian);
    for (let i = 0; i < 7; i++) {
      clock.advance(100 * 60_000);
      expect((await client.get("/staff/queue")).status, `after ${(i + 1) * 100} min`).toBe(200);
    }
    clock.advance(100 * 60_000); // 13 h 20 min after login
    expect((await client.get("/staff/queue")).status).toBe(303);
  });

  it("logout ends the session: the old cookie no longer opens anything, and the logout is audited", async () => {
    const client = await h.signedIn(librarian);
    const token = await client.csrf("/staff/queue");
    const saved = client.jar.get("tp_staff")!;
    const res = await client.post("/staff/logout", { _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/login?bye");
    const replay = await h.app.request("/staff/queue", { headers: { cookie: `tp_staff=${saved}` } });
    expect(replay.status).toBe(401);
    expect(await h.test.db.auditLog.count({ where: { action: "logout", staffId: librarian.id } })).toBeGreaterThan(0);
  });

  it("a disabled account's open session ends at once", async () => {
    const temp = await h.staff("sementara@perpus.example", "librarian");
    const client = await h.signedIn(temp);
    await h.dashboard.accounts.disable(temp.email, admin.id);
    expect((await client.get("/staff/queue")).status).toBe(303);
    expect((await cookieClient(h.app).login(temp.email, temp.password)).status).toBe(401);
  });
});

describe("escaping", () => {
  it("a <script> question is shown as text in the queue and on the ticket page", async () => {
    const id = await h.ticket(`<script>alert("x")</script><img src=x onerror=alert(1)> buku?`);
    const client = await h.signedIn(librarian);
    const queue = await (await client.get("/staff/queue")).text();
    const page = await (await client.get(`/staff/tickets/${id}`)).text();
    for (const html of [queue, page]) {
      expect(html).not.toContain("<script>");
      expect(html).not.toContain("<img src=x");
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
    const res = await client.get(`/staff/tickets/${id}`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
