// The reports, lesson statistics and failed-outbox pages of the dashboard, signed in through the
// real login form against a real database.
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerReportingPages } from "../../api/dashboard/register-reporting.js";
import { loadLessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { createOutboxServiceFromConfig, type OutboxService } from "../../api/outbox/outbox-service.js";
import { createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";
import { testClock } from "../support/dialog-library.js";

const clock = testClock("2026-11-23T04:00:00Z"); // 12:00 on Monday 23 November in Kupang
let h: DashboardHarness;
let outbox: OutboxService;
let admin: { email: string; password: string };
let librarian: { email: string; password: string };
let failedId: number;
const PHONE = "6281234567890";

beforeAll(async () => {
  h = await createDashboardHarness({ clock });
  outbox = createOutboxServiceFromConfig(h.test.db, h.config);
  registerReportingPages(h.app, { db: h.test.db, outbox, lessons: loadLessonCatalog({ dir: path.resolve(import.meta.dirname, "../fixtures/lessons") }), clock });
  admin = await h.staff("kepala@perpus.example", "admin");
  librarian = await h.staff("rina@perpus.example", "librarian");
  await h.ticket("Ada buku tentang budidaya rumput laut?");
  await h.ticket("Jadwal pelatihan budidaya rumput laut kapan?");
  await h.test.db.searchLog.createMany({
    data: [
      { query: "rumput laut", hits: 0, latencyMs: 4, createdAt: new Date("2026-11-22T01:00:00Z") },
      { query: "Rumput Laut", hits: 0, latencyMs: 4, createdAt: new Date("2026-11-22T02:00:00Z") },
      { query: "<script>alert(1)</script>", hits: 0, latencyMs: 4, createdAt: new Date("2026-11-22T03:00:00Z") },
      { query: "=cmd|' /C calc'!A0", hits: 0, latencyMs: 4, createdAt: new Date("2026-11-22T03:30:00Z") },
      { query: "laskar pelangi", hits: 4, latencyMs: 4, createdAt: new Date("2026-11-21T03:00:00Z") },
    ],
  });
  const item = await outbox.enqueue({ channel: "whatsapp", recipient: `${PHONE}@s.whatsapp.net`, payload: { replies: [{ text: "Jawaban" }] } });
  const [leased] = await outbox.pull({ channel: "whatsapp", limit: 1 });
  await outbox.fail(item.id, { error: `not on WhatsApp: ${PHONE}@s.whatsapp.net`, final: true, leaseId: leased!.leaseId });
  failedId = item.id;
});

afterAll(async () => {
  await h?.close();
});

describe("a librarian reads the reports page", () => {
  it("shows the last 30 days in Makassar time with tickets, waiting topics and zero-result searches, escaped", async () => {
    const client = await h.signedIn(librarian);
    const res = await client.get("/staff/reports");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="2026-10-25"'); // from: 30 days up to 23 November
    expect(html).toContain('value="2026-11-23"');
    expect(html).toContain('<option value="Asia/Makassar" selected="">');
    expect(html).toMatch(/<td>2026-11-23<\/td><td>2<\/td><td>0<\/td>/);
    expect(html).toMatch(/<td>budidaya<\/td><td>2<\/td>/);
    expect(html).toMatch(/<td class="text">rumput laut<\/td><td>2<\/td><td>2<\/td>/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    // Every table has its CSV link for the same range.
    expect(html).toContain('href="/staff/reports/zero-result-searches.csv?from=2026-10-25&amp;to=2026-11-23&amp;tz=Asia%2FMakassar"');
  });

  it("downloads a table as a CSV attachment with the page's rows, formulas neutralised", async () => {
    const client = await h.signedIn(librarian);
    const res = await client.get("/staff/reports/zero-result-searches.csv?from=2026-11-22&to=2026-11-22&tz=Asia/Makassar");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="laporan-zero-result-searches-2026-11-22_2026-11-22.csv"');
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows.map((r) => r[0])).toEqual(["query", "rumput laut", "'=cmd|' /c calc'!a0", "<script>alert(1)</script>"]);
    expect(rows[1]!.slice(1, 3)).toEqual(["2", "2"]);
  });

  it("answers an unknown table with 404 and a bad range with the default range and a message", async () => {
    const client = await h.signedIn(librarian);
    expect((await client.get("/staff/reports/patrons.csv")).status).toBe(404);
    expect((await client.get("/staff/reports/tickets-per-day.csv?from=2026-13-01")).status).toBe(400);
    const res = await client.get("/staff/reports?from=2026-11-30&to=2026-11-01");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="2026-10-25"');
  });

  it("shows the lesson statistics to a librarian", async () => {
    const client = await h.signedIn(librarian);
    const res = await client.get("/staff/lessons");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Pelajaran mini untuk tes");
    expect(html).toContain("Statistik pelajaran");
  });

  it("nothing of it answers without a session", async () => {
    for (const p of ["/staff/reports", "/staff/reports/top-queries.csv", "/staff/lessons", "/staff/outbox"]) expect((await h.app.request(p)).status, p).toBe(401);
  });
});

describe("an admin looks after failed deliveries", () => {
  it("a librarian may not see the failed outbox or retry an item", async () => {
    const client = await h.signedIn(librarian);
    expect((await client.get("/staff/outbox")).status).toBe(403);
    const token = await client.csrf("/staff/reports");
    expect((await client.post(`/staff/outbox/${failedId}/retry`, { _csrf: token })).status).toBe(403);
    expect((await outbox.get(failedId)).status).toBe("failed");
  });

  it("shows the failed item with its error and channel, never the full phone number", async () => {
    const client = await h.signedIn(admin);
    const res = await client.get("/staff/outbox");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`#${failedId}`);
    expect(html).toContain("whatsapp");
    expect(html).toContain("•••7890");
    expect(html).toContain("not on WhatsApp: •••7890@s.whatsapp.net");
    expect(html).not.toContain(PHONE);
    expect(html).not.toContain("1234567");
  });

  it("retry needs the form's CSRF token, then puts the item back to pending", async () => {
    const client = await h.signedIn(admin);
    expect((await client.post(`/staff/outbox/${failedId}/retry`, { _csrf: "forged" })).status).toBe(403);
    expect((await outbox.get(failedId)).status).toBe("failed");
    const token = await client.csrf("/staff/outbox");
    const res = await client.post(`/staff/outbox/${failedId}/retry`, { _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/staff/outbox?retried=${failedId}`);
    expect(await outbox.get(failedId)).toMatchObject({ status: "pending", attempts: 0, error: null });
    const audit = await h.test.db.auditLog.findMany({ where: { action: "outbox.retry" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toEqual({ outboxId: failedId, channel: "whatsapp" });
    const after = await (await client.get(`/staff/outbox?retried=${failedId}`)).text();
    expect(after).toContain('role="status"');
    // A second click on the stale page says it is no longer failed.
    expect((await client.post(`/staff/outbox/${failedId}/retry`, { _csrf: token })).status).toBe(409);
  });
});
