// Wires the WhatsApp adapter the way start-whatsapp.ts does, around the socket stand-in, real
// PostgreSQL stores and manual timers, with the engine reached through an injected function.
import type { Db } from "../../api/db/prisma.js";
import type { Logger } from "../../api/logger.js";
import { createAuthStateStore } from "../../bot/whatsapp/auth-state-store.js";
import { createConnectionManager, type ConnectionManager } from "../../bot/whatsapp/connection-manager.js";
import { createConnectionStatusStore } from "../../bot/whatsapp/connection-status.js";
import { createContactStore, type ContactStore } from "../../bot/whatsapp/contact-store.js";
import { createDelivery } from "../../bot/whatsapp/delivery.js";
import { createMessageHandler, type MessageHandler, type SendToEngine } from "../../bot/whatsapp/message-handler.js";
import type { OutboxPort } from "../../bot/outbox-port.js";
import { createOutboxWorker, type OutboxWorker } from "../../bot/whatsapp/outbox-worker.js";
import { createSendQueue } from "../../bot/whatsapp/send-queue.js";
import { createSentButtons } from "../../bot/whatsapp/sent-buttons.js";
import { loadWhatsAppTexts } from "../../bot/whatsapp/texts.js";
import { manualTimers, type ManualTimers } from "../fakes/manual-timers.js";
import { BOT_ACCOUNT, fakeSocketFactory, type FakeWhatsAppSocket } from "../fakes/whatsapp-socket.js";

export type WhatsAppHarness = {
  manager: ConnectionManager;
  handler: MessageHandler;
  contacts: ContactStore;
  worker: OutboxWorker | null;
  timers: ManualTimers;
  /** The current socket stand-in (a new one after every reconnect). */
  socket(): FakeWhatsAppSocket;
  /** Connects with a stored session and opens the connection at `connectedAtSec`. */
  connect(connectedAtSec: number): Promise<FakeWhatsAppSocket>;
  stop(): Promise<void>;
};

/** Builds the adapter; with `outbox` an outbox worker is made too (not started). */
export async function createWhatsAppHarness(opts: { db: Db; send: SendToEngine; log: Logger; outbox?: OutboxPort; sessionWindowMs?: number }): Promise<WhatsAppHarness> {
  const timers = manualTimers();
  const sockets = fakeSocketFactory();
  const auth = createAuthStateStore(opts.db);
  // A stored, paired session: the harness is about messages, not pairing.
  const loaded = await auth.load();
  loaded.state.creds.me = { id: BOT_ACCOUNT.id, lid: BOT_ACCOUNT.lid! };
  await loaded.saveCreds();

  const manager = createConnectionManager({
    auth,
    makeSocket: sockets.factory,
    status: createConnectionStatusStore(opts.db),
    timers,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 30_000 },
    log: opts.log,
  });
  const sentButtons = createSentButtons();
  // No waiting in tests: the limits are covered by the send queue's own tests.
  const queue = createSendQueue({ chatIntervalMs: 0, globalPerMinute: 10_000, jitterMs: 0, sleep: async () => undefined });
  const delivery = createDelivery({ queue, whenOpen: (not) => manager.whenOpen(not), current: () => manager.current(), sentButtons, log: opts.log });
  const contacts = createContactStore(opts.db);
  const texts = loadWhatsAppTexts();
  let worker: OutboxWorker | null = null;
  const handler = createMessageHandler({
    send: opts.send,
    delivery,
    contacts,
    sentButtons,
    texts,
    connectedAt: () => manager.connectedAt(),
    flushOutbox: (userId) => worker?.flushFor(userId) ?? Promise.resolve(),
    now: () => new Date(timers.now()),
    log: opts.log,
  });
  if (opts.outbox) {
    worker = createOutboxWorker({
      outbox: opts.outbox,
      contacts,
      delivery,
      whenOpen: () => manager.whenOpen(),
      texts,
      timers,
      pollMs: 15_000,
      sessionWindowMs: opts.sessionWindowMs ?? 24 * 3600_000,
      localeOf: (id) => handler.localeOf(id),
      log: opts.log,
    });
  }
  manager.onSocket((s) => handler.attach(s));

  return {
    manager,
    handler,
    contacts,
    worker,
    timers,
    socket: () => sockets.last(),
    async connect(connectedAtSec) {
      timers.advance(connectedAtSec * 1000 - timers.now());
      await manager.start();
      sockets.last().open();
      await manager.idle();
      return sockets.last();
    },
    async stop() {
      await worker?.stop();
      await handler.idle();
      await manager.stop();
    },
  };
}
