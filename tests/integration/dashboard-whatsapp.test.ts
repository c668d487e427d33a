// The WhatsApp pairing page in the dashboard: an admin scans the QR code shown there and can ask
// for a new one; librarians and visitors without a session never see the code that links the
// library's phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWhatsAppPages } from "../../api/dashboard/whatsapp-pages.js";
import type { WhatsAppStatusView } from "../../api/routes/whatsapp-admin.js";
import { createDashboardHarness, type DashboardHarness } from "../support/dashboard-harness.js";

let h: DashboardHarness;
let admin: { email: string; password: string };
let librarian: { email: string; password: string };
let current: WhatsAppStatusView | null = null;
let pairingRequests = 0;

beforeAll(async () => {
  h = await createDashboardHarness();
  registerWhatsAppPages(h.app, {
    status: async () => current,
    requestPairing: async () => {
      pairingRequests += 1;
    },
  });
  admin = await h.staff("admin@perpus.example", "admin");
  librarian = await h.staff("rina@perpus.example", "librarian");
});

afterAll(async () => {
  await h?.close();
});

const view = (status: string, extra: Partial<WhatsAppStatusView> = {}): WhatsAppStatusView => ({
  status,
  qr: null,
  pairingCode: null,
  lastError: null,
  lastErrorAt: null,
  connectedAt: null,
  updatedAt: new Date(),
  ...extra,
});

describe("WhatsApp pairing in the dashboard", () => {
  it("an admin waiting for a scan sees the QR code as an image and the page refreshes itself", async () => {
    current = view("pairing", { qr: "2@secret-pairing-payload", pairingCode: "ABCD1234" });
    const res = await (await h.signedIn(admin)).get("/staff/whatsapp");
    expect(res.status).toBe(200);
    expect(res.headers.get("refresh")).toBe("5");
    const html = await res.text();
    expect(html).toMatch(/<img[^>]+src="data:image\/svg\+xml;base64,/);
    expect(html).toContain("ABCD1234");
    expect(html).toContain("Menunggu pindaian");
    // No request button while a code is on screen.
    expect(html).not.toContain("/staff/whatsapp/pair");
  });

  it("after the QR code expired an admin asks for a new one with the CSRF-protected form", async () => {
    current = view("pairing_expired", { lastError: "QR refs attempts ended" });
    const client = await h.signedIn(admin);
    const html = await (await client.get("/staff/whatsapp")).text();
    expect(html).toContain("Kode QR kedaluwarsa");
    expect(html).toContain("QR refs attempts ended");
    expect((await client.post("/staff/whatsapp/pair", {})).status).toBe(403);
    expect(pairingRequests).toBe(0);
    const res = await client.post("/staff/whatsapp/pair", { _csrf: await client.csrf("/staff/whatsapp") });
    expect(res.status).toBe(303);
    expect(pairingRequests).toBe(1);
  });

  it("a librarian and a visitor without a session cannot see the code that links the library's phone", async () => {
    current = view("pairing", { qr: "2@secret-pairing-payload" });
    expect((await h.app.request("/staff/whatsapp")).status).toBe(401);
    const res = await (await h.signedIn(librarian)).get("/staff/whatsapp");
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("data:image/svg+xml");
  });
});
