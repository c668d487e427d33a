// The connection manager driven by connection.update events from the socket stand-in, with the
// real auth state and status stores in PostgreSQL and manual timers (delays are checked as values).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthStateStore, type AuthStateStore } from "../../bot/whatsapp/auth-state-store.js";
import { createConnectionManager, type ConnectionManager } from "../../bot/whatsapp/connection-manager.js";
import { createConnectionStatusStore, type ConnectionStatusStore } from "../../bot/whatsapp/connection-status.js";
import { manualTimers, type ManualTimers } from "../fakes/manual-timers.js";
import { BOT_ACCOUNT, fakeSocketFactory } from "../fakes/whatsapp-socket.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let tdb: TestDatabase;
let auth: AuthStateStore;
let status: ConnectionStatusStore;

beforeAll(async () => {
  tdb = await createTestDatabase();
  auth = createAuthStateStore(tdb.db);
  status = createConnectionStatusStore(tdb.db);
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await auth.clear();
  await tdb.db.whatsAppConnection.deleteMany();
});

type Setup = { manager: ConnectionManager; timers: ManualTimers; sockets: ReturnType<typeof fakeSocketFactory>; qrs: string[]; log: ReturnType<typeof memoryLogger> };

function setup(opts: { pairingPhone?: string } = {}): Setup {
  const timers = manualTimers();
  const sockets = fakeSocketFactory();
  const qrs: string[] = [];
  const log = memoryLogger();
  const manager = createConnectionManager({
    auth,
    makeSocket: sockets.factory,
    status,
    timers,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 30_000 },
    pairingPollMs: 5000,
    log,
    onQr: (qr) => qrs.push(qr),
    ...(opts.pairingPhone ? { pairingPhone: opts.pairingPhone } : {}),
  });
  return { manager, timers, sockets, qrs, log };
}

/** Pairs the way a phone scan does: creds get `me`, WhatsApp asks for a restart, the new socket opens. */
async function pair(s: Setup): Promise<void> {
  const first = s.sockets.last();
  first.qr("2@qr-ref-1,noise,identity,adv");
  await s.manager.idle();
  first.credsUpdate({ me: { id: BOT_ACCOUNT.id, lid: BOT_ACCOUNT.lid! } });
  first.close(515, "restart required");
  await s.manager.idle();
  s.sockets.last().open();
  await s.manager.idle();
}

describe("WhatsApp connection manager", () => {
  it("shows the QR code while unpaired, stores the session on pairing, and opens after the restart", async () => {
    const s = setup();
    await s.manager.start();
    expect((await status.read())?.status).toBe("pairing");
    s.sockets.last().qr("2@qr-ref-1,noise,identity,adv");
    await s.manager.idle();
    expect(s.qrs).toEqual(["2@qr-ref-1,noise,identity,adv"]);
    expect(await status.read()).toMatchObject({ status: "pairing", qr: "2@qr-ref-1,noise,identity,adv" });

    s.sockets.last().qr("2@qr-ref-2,noise,identity,adv");
    await s.manager.idle();
    expect((await status.read())?.qr).toBe("2@qr-ref-2,noise,identity,adv");

    s.sockets.last().credsUpdate({ me: { id: BOT_ACCOUNT.id, lid: BOT_ACCOUNT.lid! } });
    s.sockets.last().close(515, "restart required");
    await s.manager.idle();
    expect(s.sockets.sockets).toHaveLength(2);
    expect(s.timers.pending()).toEqual([]);
    expect(await auth.hasSession()).toBe(true);
    s.sockets.last().open();
    await s.manager.idle();
    expect(s.manager.current()).toBe(s.sockets.last());
    expect(await status.read()).toMatchObject({ status: "open", qr: null });
    await s.manager.stop();
  });

  it("a restarted process continues the stored session without a QR code", async () => {
    const first = setup();
    await first.manager.start();
    await pair(first);
    await first.manager.stop();

    const second = setup();
    await second.manager.start();
    expect((await status.read())?.status).toBe("connecting");
    expect(second.sockets.last().auth?.creds.me?.id).toBe(BOT_ACCOUNT.id);
    second.sockets.last().open();
    await second.manager.idle();
    expect(second.qrs).toEqual([]);
    expect(second.manager.state()).toBe("open");
    await second.manager.stop();
  });

  it("reconnects after transient closes with growing, jittered delays, and resets after opening", async () => {
    const s = setup();
    await s.manager.start();
    await pair(s);
    const delays: number[] = [];
    for (const code of [428, 408, 503, 500]) {
      s.sockets.last().close(code, "connection trouble");
      await s.manager.idle();
      expect(s.manager.state()).toBe("reconnecting");
      expect(s.manager.current()).toBeNull();
      delays.push(s.timers.fireNext());
      await s.manager.idle();
    }
    // random() = 0.5: three quarters of 1 s, 2 s, 4 s, 8 s.
    expect(delays).toEqual([750, 1500, 3000, 6000]);
    expect((await status.read())?.lastError).toBe("bad session (500)");
    s.sockets.last().open();
    await s.manager.idle();
    s.sockets.last().close(428);
    await s.manager.idle();
    expect(s.timers.pending()).toEqual([750]);
    expect(await auth.hasSession()).toBe(true);
    await s.manager.stop();
    expect(s.timers.pending()).toEqual([]);
  });

  it("on logged out (401) clears the stored session and asks for a new pairing instead of reconnecting", async () => {
    const s = setup();
    await s.manager.start();
    await pair(s);
    await tdb.db.whatsAppAuthKey.create({ data: { type: "session", id: "123456789012345.0", value: "{}" } });
    const before = s.sockets.sockets.length;

    s.sockets.last().close(401, "Connection Failure");
    await s.manager.idle();
    expect(await auth.hasSession()).toBe(false);
    expect(await tdb.db.whatsAppAuthKey.count({ where: { type: "session" } })).toBe(0);
    expect(s.timers.pending()).toEqual([]);
    // A fresh socket with new creds, showing a new QR code.
    expect(s.sockets.sockets.length).toBe(before + 1);
    expect(s.sockets.last().auth?.creds.me).toBeUndefined();
    expect((await status.read())).toMatchObject({ status: "pairing", lastError: "logged out (401)" });
    s.sockets.last().qr("2@qr-after-logout");
    await s.manager.idle();
    expect((await status.read())?.qr).toBe("2@qr-after-logout");
    await s.manager.stop();
  });

  for (const code of [405, 409, 412]) {
    it(`treats ${code} as a session WhatsApp rejects: cleared, new pairing`, async () => {
      const s = setup();
      await s.manager.start();
      await pair(s);
      s.sockets.last().close(code);
      await s.manager.idle();
      expect(await auth.hasSession()).toBe(false);
      expect(s.timers.pending()).toEqual([]);
      expect(s.manager.state()).toBe("pairing");
      await s.manager.stop();
    });
  }

  it("does not loop when the fresh session is rejected as well: it waits for an admin", async () => {
    const s = setup();
    await s.manager.start();
    await pair(s);
    s.sockets.last().close(401);
    await s.manager.idle();
    const count = s.sockets.sockets.length;
    s.sockets.last().close(403, "forbidden");
    await s.manager.idle();
    expect(s.sockets.sockets.length).toBe(count);
    expect(s.manager.state()).toBe("logged_out");
    // Polling for an admin's request makes no socket.
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets.length).toBe(count);
    await status.requestPairing(new Date());
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets.length).toBe(count + 1);
    expect(s.manager.state()).toBe("pairing");
    await s.manager.stop();
  });

  it("an unscanned QR code expires into waiting; an admin's request starts a new pairing", async () => {
    const s = setup();
    await s.manager.start();
    s.sockets.last().qr("2@qr-1");
    await s.manager.idle();
    s.sockets.last().close(408, "QR refs attempts ended");
    await s.manager.idle();
    expect(await status.read()).toMatchObject({ status: "pairing_expired", qr: null });
    expect(s.timers.pending()).toEqual([5000]);
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets).toHaveLength(1);

    await status.requestPairing(new Date());
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets).toHaveLength(2);
    expect((await status.read())?.pairingRequestedAt).toBeNull();
    await s.manager.stop();
  });

  it("an unpaired start that cannot reach WhatsApp retries with backoff instead of calling the QR code expired", async () => {
    const s = setup();
    await s.manager.start();
    s.sockets.last().close(408, "Connection was lost");
    await s.manager.idle();
    expect(s.manager.state()).toBe("reconnecting");
    expect(s.timers.pending()).toEqual([750]);
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets).toHaveLength(2);
    expect(s.manager.state()).toBe("pairing");
    await s.manager.stop();
  });

  it("stops when another process took over the session (440) instead of fighting it", async () => {
    const s = setup();
    await s.manager.start();
    await pair(s);
    const count = s.sockets.sockets.length;
    s.sockets.last().close(440, "replaced");
    await s.manager.idle();
    expect(s.manager.state()).toBe("replaced");
    expect(await auth.hasSession()).toBe(true);
    s.timers.fireNext();
    await s.manager.idle();
    expect(s.sockets.sockets.length).toBe(count);
    await s.manager.stop();
  });

  it("asks for a pairing code once per connection when a phone number is configured", async () => {
    const s = setup({ pairingPhone: "6281200000001" });
    await s.manager.start();
    s.sockets.last().qr("2@qr-1");
    s.sockets.last().qr("2@qr-2");
    await s.manager.idle();
    expect(s.sockets.last().pairingCodeRequests).toEqual(["6281200000001"]);
    expect((await status.read())?.pairingCode).toBe("ABCD1234");
    // The number never reaches the log.
    expect(s.log.text()).not.toContain("6281200000001");
    await s.manager.stop();
  });

  it("after stop(), late events change nothing and whenOpen() rejects", async () => {
    const s = setup();
    await s.manager.start();
    await pair(s);
    const socket = s.sockets.last();
    await s.manager.stop();
    expect(socket.ended).toBe(true);
    socket.close(428);
    await s.manager.idle();
    expect(s.timers.pending()).toEqual([]);
    expect(s.manager.state()).toBe("stopped");
    expect((await status.read())?.status).toBe("stopped");
    await expect(s.manager.whenOpen()).rejects.toThrow("stopped");
  });
});
