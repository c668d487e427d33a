// The WhatsApp pairing page and /readyz channel status, through the real app and status row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createConnectionStatusStore, type ConnectionStatusStore } from "../../bot/whatsapp/connection-status.js";
import { whatsappAdminDeps, whatsappChannelHealth } from "../../bot/whatsapp/status-views.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const ADMIN = "admin-token-for-the-pairing-page";
let tdb: TestDatabase;
let store: ConnectionStatusStore;

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = createConnectionStatusStore(tdb.db);
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.whatsAppConnection.deleteMany();
});

function appWith(env: Record<string, string>) {
  const config = loadConfig(env);
  return createApp({
    db: tdb.db,
    search: createSearchBackend({}),
    config,
    log: memoryLogger(),
    whatsappAdmin: whatsappAdminDeps(store, config),
    channels: async () => ({ whatsapp: await whatsappChannelHealth(store) }),
  });
}

const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`pustakawan:${password}`).toString("base64")}` });

describe("WhatsApp pairing page", () => {
  it("asks a browser for the admin token (HTTP Basic) and accepts it, or the service token as Bearer", async () => {
    const app = appWith({ ADMIN_TOKEN: ADMIN, SERVICE_TOKEN: "service-token-0123456789abcdef", HOST: "0.0.0.0" });
    const anonymous = await app.request("/admin/whatsapp");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Basic");
    expect((await app.request("/admin/whatsapp", { headers: basic("wrong-token-wrong") })).status).toBe(401);
    expect((await app.request("/admin/whatsapp", { headers: basic(ADMIN) })).status).toBe(200);
    expect((await app.request("/admin/whatsapp", { headers: { authorization: "Bearer service-token-0123456789abcdef" } })).status).toBe(200);
  });

  it("shows the current QR code as an inline SVG with a refresh while waiting for a scan, never cached", async () => {
    await store.write({ status: "pairing", qr: "2@AbCdEfGh,noiseKeyB64,identityKeyB64,advSecretB64" });
    const app = appWith({ ADMIN_TOKEN: ADMIN });
    const res = await app.request("/admin/whatsapp", { headers: basic(ADMIN) });
    const body = await res.text();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toContain('<meta http-equiv="refresh" content="5">');
    expect(body).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path/);
    expect(body).toContain('data-status="pairing"');
    expect(body).not.toContain("<script");

    // WhatsApp rotates the code; the next refresh shows the new one.
    await store.write({ status: "pairing", qr: "2@ZyXwVuTs,noiseKeyB64,identityKeyB64,advSecretB64" });
    const next = await (await app.request("/admin/whatsapp", { headers: basic(ADMIN) })).text();
    expect(next).not.toBe(body);
  });

  it("shows the pairing code when a phone number is configured", async () => {
    await store.write({ status: "pairing", qr: "2@x", pairingCode: "ABCD1234" });
    const body = await (await appWith({ ADMIN_TOKEN: ADMIN }).request("/admin/whatsapp", { headers: basic(ADMIN) })).text();
    expect(body).toContain('<p class="code">ABCD1234</p>');
  });

  it("shows the status and the last error, escaped, and no QR code once connected", async () => {
    await store.write({ status: "open", connectedAt: new Date("2025-11-21T08:00:00Z"), lastError: "<img src=x onerror=alert(1)> (428)", lastErrorAt: new Date("2025-11-21T07:59:00Z") });
    const body = await (await appWith({ ADMIN_TOKEN: ADMIN }).request("/admin/whatsapp", { headers: basic(ADMIN) })).text();
    expect(body).toContain("Connected");
    expect(body).toContain("2025-11-21 08:00:00 UTC");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt; (428)");
    expect(body).not.toContain("<svg");
    expect(body).toContain('content="30"');
  });

  it("offers a new QR code after a logout; the request reaches the worker through the status row", async () => {
    await store.write({ status: "logged_out", lastError: "logged out (401)" });
    const app = appWith({ ADMIN_TOKEN: ADMIN });
    const body = await (await app.request("/admin/whatsapp", { headers: basic(ADMIN) })).text();
    expect(body).toContain('action="/admin/whatsapp/pair"');
    const res = await app.request("http://localhost/admin/whatsapp/pair", { method: "POST", headers: { ...basic(ADMIN), origin: "http://localhost" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/whatsapp");
    expect(await store.takePairingRequest()).toBe(true);
    expect(await store.takePairingRequest()).toBe(false);
  });

  it("refuses a pairing request posted from another site", async () => {
    const app = appWith({ ADMIN_TOKEN: ADMIN });
    const res = await app.request("http://localhost/admin/whatsapp/pair", { method: "POST", headers: { ...basic(ADMIN), origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(await store.takePairingRequest()).toBe(false);
  });

  it("without any token, opens only on a loopback address (an exposed service needs SERVICE_TOKEN to start at all)", async () => {
    expect((await appWith({ HOST: "127.0.0.1" }).request("/admin/whatsapp")).status).toBe(200);
    expect(() => appWith({ HOST: "0.0.0.0" })).toThrowError(/SERVICE_TOKEN/);
    const exposed = createApp({
      db: tdb.db,
      search: createSearchBackend({}),
      config: loadConfig({}),
      log: memoryLogger(),
      whatsappAdmin: { ...whatsappAdminDeps(store, loadConfig({})), host: "0.0.0.0" },
    });
    const res = await exposed.request("/admin/whatsapp");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("ADMIN_TOKEN");
  });
});

describe("/readyz with WhatsApp enabled", () => {
  it("reports the WhatsApp status without making the service unready", async () => {
    const app = appWith({});
    let body = (await (await app.request("/readyz")).json()) as Record<string, unknown>;
    expect(body.channels).toEqual({ whatsapp: { status: "not_started", connected: false, lastError: null } });

    await store.write({ status: "logged_out", lastError: "logged out (401)" });
    const res = await app.request("/readyz");
    expect(res.status).toBe(200);
    body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ postgres: "ok", meilisearch: "disabled", channels: { whatsapp: { status: "logged_out", connected: false, lastError: "logged out (401)" } } });

    await store.write({ status: "open", connectedAt: new Date() });
    body = (await (await app.request("/readyz")).json()) as Record<string, unknown>;
    expect(body.channels).toMatchObject({ whatsapp: { status: "open", connected: true } });
  });
});
