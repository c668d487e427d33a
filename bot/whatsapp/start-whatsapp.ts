// Puts the WhatsApp adapter together: auth state and contacts in PostgreSQL, the connection
// manager, the throttled delivery, the inbound handler and the outbox worker. The service is
// reached through `send` and `outbox`, in-process (npm start) or over HTTP (start:whatsapp).
import QRCode from "qrcode";
import type { Config } from "../../api/config.js";
import type { Db } from "../../api/db/prisma.js";
import type { Logger } from "../../api/logger.js";
import { createAuthStateStore } from "./auth-state-store.js";
import { createBaileysSocketFactory } from "./baileys-socket.js";
import { createConnectionManager, type ConnectionManager } from "./connection-manager.js";
import { createConnectionStatusStore, type ConnectionStatusStore } from "./connection-status.js";
import { createContactStore } from "./contact-store.js";
import { createDelivery } from "./delivery.js";
import { createMessageHandler, type SendToEngine } from "./message-handler.js";
import type { OutboxPort } from "../outbox-port.js";
import { createOutboxWorker } from "./outbox-worker.js";
import { createSendQueue } from "./send-queue.js";
import { createSentButtons } from "./sent-buttons.js";
import type { SocketFactory } from "./socket-port.js";
import { loadWhatsAppTexts } from "./texts.js";
import { realTimers, type Timers } from "./timers.js";

export type WhatsAppConfig = Pick<
  Config,
  | "WHATSAPP_PAIRING_PHONE"
  | "WHATSAPP_CHAT_INTERVAL_MS"
  | "WHATSAPP_GLOBAL_PER_MINUTE"
  | "WHATSAPP_SEND_JITTER_MS"
  | "WHATSAPP_OUTBOX_POLL_SECONDS"
  | "WHATSAPP_SESSION_WINDOW_HOURS"
  | "WHATSAPP_RECONNECT_MAX_SECONDS"
>;

export type WhatsAppWorkerDeps = {
  db: Db;
  config: WhatsAppConfig;
  log: Logger;
  send: SendToEngine;
  outbox: OutboxPort;
  /** Tests pass the socket stand-in's factory; otherwise a real Baileys socket. */
  makeSocket?: SocketFactory;
  timers?: Timers;
  /** Prints QR and pairing codes on the terminal (stdout), besides the admin page. */
  terminal?: (text: string) => void;
};

export type WhatsAppWorker = {
  start(): Promise<void>;
  stop(): Promise<void>;
  manager: ConnectionManager;
  status: ConnectionStatusStore;
};

const STOP_GRACE_MS = 5000;

/** Builds the WhatsApp worker; start() connects (or starts pairing). */
export function createWhatsAppWorker(deps: WhatsAppWorkerDeps): WhatsAppWorker {
  const { db, config } = deps;
  const log = deps.log.child({ part: "whatsapp" });
  const timers = deps.timers ?? realTimers;
  // Baileys logs every stanza at debug; only its warnings are worth keeping (scrubbed like ours).
  const baileysLogger = deps.log.child({ part: "baileys" }, { level: deps.log.levelVal >= 40 ? deps.log.level : "warn" });
  const status = createConnectionStatusStore(db);
  const manager = createConnectionManager({
    auth: createAuthStateStore(db),
    makeSocket: deps.makeSocket ?? createBaileysSocketFactory({ logger: baileysLogger }),
    status,
    timers,
    backoff: { baseMs: 2000, maxMs: config.WHATSAPP_RECONNECT_MAX_SECONDS * 1000 },
    ...(config.WHATSAPP_PAIRING_PHONE ? { pairingPhone: config.WHATSAPP_PAIRING_PHONE } : {}),
    log,
    baileysLogger,
    onQr: (qr) => {
      if (!deps.terminal) return;
      QRCode.toString(qr, { type: "terminal", small: true })
        .then((art) => deps.terminal!(`\nScan with WhatsApp (Linked devices → Link a device), or open /admin/whatsapp:\n${art}\n`))
        .catch(() => undefined);
    },
    onPairingCode: (code) => deps.terminal?.(`\nWhatsApp pairing code: ${code}  (Linked devices → Link with phone number)\n`),
  });
  const sentButtons = createSentButtons();
  const queue = createSendQueue({
    chatIntervalMs: config.WHATSAPP_CHAT_INTERVAL_MS,
    globalPerMinute: config.WHATSAPP_GLOBAL_PER_MINUTE,
    jitterMs: config.WHATSAPP_SEND_JITTER_MS,
  });
  const delivery = createDelivery({ queue, whenOpen: (not) => manager.whenOpen(not), current: () => manager.current(), sentButtons, log });
  const contacts = createContactStore(db);
  const texts = loadWhatsAppTexts();
  const handler = createMessageHandler({
    send: deps.send,
    delivery,
    contacts,
    sentButtons,
    texts,
    connectedAt: () => manager.connectedAt(),
    flushOutbox: (userId) => outboxWorker.flushFor(userId),
    log,
  });
  const outboxWorker = createOutboxWorker({
    outbox: deps.outbox,
    contacts,
    delivery,
    whenOpen: () => manager.whenOpen(),
    texts,
    timers,
    pollMs: config.WHATSAPP_OUTBOX_POLL_SECONDS * 1000,
    sessionWindowMs: config.WHATSAPP_SESSION_WINDOW_HOURS * 3600_000,
    localeOf: (userId) => handler.localeOf(userId),
    log,
  });
  manager.onSocket((socket) => handler.attach(socket));

  return {
    manager,
    status,
    async start() {
      await manager.start();
      outboxWorker.start();
    },
    async stop() {
      await outboxWorker.stop();
      // Answers being sent get a moment to finish; ones waiting for a lost connection are dropped
      // when the manager stops (the user sees no answer and can ask again).
      let grace: unknown;
      await Promise.race([handler.idle(), new Promise<void>((resolve) => (grace = timers.setTimeout(resolve, STOP_GRACE_MS)))]);
      timers.clearTimeout(grace);
      await manager.stop();
      await handler.idle();
    },
  };
}
