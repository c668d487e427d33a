// Owns the WhatsApp connection: opens a socket with the stored auth state, saves creds as they
// change, shows the QR code (or a pairing code) while unpaired, and decides after every close
// whether to reconnect (with jittered exponential backoff), ask for a new pairing, or wait for an
// admin. connection.update events are handled one at a time, in order.
import type { AuthenticationState, ConnectionState } from "@whiskeysockets/baileys";
import type { Logger } from "../../api/logger.js";
import type { AuthStateLogger, AuthStateStore } from "./auth-state-store.js";
import type { ConnectionStatusName, ConnectionStatusStore } from "./connection-status.js";
import { classifyDisconnect, describeDisconnect } from "./disconnect-reason.js";
import { reconnectDelayMs, type Backoff } from "./reconnect-backoff.js";
import { safeError } from "./safe-error.js";
import type { SocketFactory, WhatsAppSocket } from "./socket-port.js";
import type { Timers } from "./timers.js";

export type ConnectionManagerDeps = {
  auth: Pick<AuthStateStore, "load" | "clear">;
  makeSocket: SocketFactory;
  status: Pick<ConnectionStatusStore, "write" | "takePairingRequest">;
  timers: Timers;
  random?: () => number;
  backoff: Backoff;
  /** While waiting for an admin (QR expired, session replaced), how often to look for a pairing request. */
  pairingPollMs?: number;
  /** Ask for an 8-character pairing code for this number instead of only showing QR codes. */
  pairingPhone?: string;
  log: Logger;
  /** Logger handed to Baileys' key cache. */
  baileysLogger?: AuthStateLogger;
  /** Shows a new QR code (terminal); the status row has it for the admin page. */
  onQr?: (qr: string) => void;
  onPairingCode?: (code: string) => void;
};

export type ConnectionManager = {
  start(): Promise<void>;
  /** Closes the socket and cancels pending reconnects; no event afterwards changes anything. */
  stop(): Promise<void>;
  /** The open socket, or null while connecting, pairing or waiting. */
  current(): WhatsAppSocket | null;
  /** Resolves with the socket once the connection is open; with `not`, with the next socket after that one. */
  whenOpen(not?: WhatsAppSocket): Promise<WhatsAppSocket>;
  /** Unix seconds when the current connection opened. */
  connectedAt(): number | null;
  state(): ConnectionStatusName;
  /** Called with every new socket (before it opens), to attach message handlers. */
  onSocket(listener: (socket: WhatsAppSocket) => void): void;
  /** Resolves when every event received so far has been handled (tests). */
  idle(): Promise<void>;
};

// creds.me is set once a phone has linked this device (QR or code); `registered` only covers codes.
const paired = (auth: AuthenticationState) => Boolean(auth.creds.me?.id) || auth.creds.registered;

/** whenOpen() was waiting when the manager stopped. */
export class StoppedError extends Error {
  constructor() {
    super("WhatsApp connection stopped");
    this.name = "StoppedError";
  }
}

/** Creates the connection manager; nothing happens until start(). */
export function createConnectionManager(deps: ConnectionManagerDeps): ConnectionManager {
  const random = deps.random ?? Math.random;
  const pairingPollMs = deps.pairingPollMs ?? 5000;
  const socketListeners: ((s: WhatsAppSocket) => void)[] = [];
  let socket: WhatsAppSocket | null = null;
  let openSocket: WhatsAppSocket | null = null;
  let auth: AuthenticationState | null = null;
  let state: ConnectionStatusName = "stopped";
  let stopped = true;
  let attempts = 0;
  let pairingsWithoutOpen = 0;
  let connectedAtSec: number | null = null;
  let timer: unknown = null;
  let work: Promise<void> = Promise.resolve();
  let detach: (() => void) | null = null;
  let waiters: { resolve(s: WhatsAppSocket): void; reject(e: Error): void }[] = [];
  const codeRequested = new WeakSet<WhatsAppSocket>();
  const qrShown = new WeakSet<WhatsAppSocket>();
  // The code stays valid while its socket lives, across QR rotations.
  let pairingCode: string | null = null;

  // Every state change goes through this queue, so a close is never handled before the update
  // that preceded it, and tests can wait for it with idle().
  const enqueue = (task: () => Promise<void>) => {
    work = work.then(task).catch((err) => deps.log.error({ err: safeError(err) }, "whatsapp connection handling failed"));
    return work;
  };

  const writeStatus = async (patch: Parameters<ConnectionStatusStore["write"]>[0]) => {
    state = patch.status;
    try {
      await deps.status.write(patch);
    } catch (err) {
      deps.log.warn({ err: safeError(err) }, "could not store the whatsapp connection status");
    }
  };

  const schedule = (ms: number, task: () => Promise<void>) => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => {
      timer = null;
      void enqueue(task);
    }, ms);
  };

  const closeSocket = async () => {
    detach?.();
    detach = null;
    const s = socket;
    socket = null;
    openSocket = null;
    if (s) {
      try {
        await s.end(undefined);
      } catch {
        /* already closed */
      }
    }
  };

  const waitForAdmin = async () => {
    if (stopped) return;
    if (await deps.status.takePairingRequest().catch(() => false)) {
      deps.log.info("new whatsapp pairing requested");
      pairingsWithoutOpen = 0;
      attempts = 0;
      await connect();
      return;
    }
    schedule(pairingPollMs, waitForAdmin);
  };

  const onUpdate = (s: WhatsAppSocket, update: Partial<ConnectionState>) =>
    enqueue(async () => {
      if (stopped || s !== socket) return;
      if (update.qr) {
        qrShown.add(s);
        await writeStatus({ status: "pairing", qr: update.qr, pairingCode });
        deps.onQr?.(update.qr);
        if (deps.pairingPhone && auth && !paired(auth) && !codeRequested.has(s)) {
          codeRequested.add(s);
          try {
            const code = await s.requestPairingCode(deps.pairingPhone);
            pairingCode = code;
            await writeStatus({ status: "pairing", qr: update.qr, pairingCode: code });
            deps.onPairingCode?.(code);
          } catch (err) {
            deps.log.warn({ err: safeError(err) }, "could not get a whatsapp pairing code; the QR code still works");
          }
        }
      }
      if (update.connection === "open") {
        attempts = 0;
        pairingsWithoutOpen = 0;
        openSocket = s;
        connectedAtSec = Math.floor(deps.timers.now() / 1000);
        await writeStatus({ status: "open", connectedAt: new Date(deps.timers.now()) });
        deps.log.info("whatsapp connection open");
        const ready = waiters;
        waiters = [];
        for (const w of ready) w.resolve(s);
        return;
      }
      if (update.connection === "close") {
        const error = update.lastDisconnect?.error;
        const action = classifyDisconnect(error, qrShown.has(s));
        const reason = describeDisconnect(error);
        detach?.();
        detach = null;
        socket = null;
        openSocket = null;
        connectedAtSec = null;
        const lastErrorAt = new Date(deps.timers.now());
        deps.log.warn({ reason, action: action.kind }, "whatsapp connection closed");
        switch (action.kind) {
          case "restart":
            await writeStatus({ status: "connecting", lastError: reason, lastErrorAt });
            await connect();
            return;
          case "reconnect": {
            attempts += 1;
            const delay = reconnectDelayMs(attempts, deps.backoff, random);
            await writeStatus({ status: "reconnecting", lastError: reason, lastErrorAt });
            schedule(delay, connect);
            return;
          }
          case "new_pairing":
            await deps.auth.clear();
            pairingsWithoutOpen += 1;
            await writeStatus({ status: "logged_out", lastError: reason, lastErrorAt });
            deps.log.warn("whatsapp session cleared; scan a new QR code to pair again");
            // A fresh session rejected again means something outside our control (a ban): ask a person.
            if (pairingsWithoutOpen > 1) schedule(pairingPollMs, waitForAdmin);
            else await connect();
            return;
          case "pairing_expired":
            await writeStatus({ status: "pairing_expired", lastError: reason, lastErrorAt });
            schedule(pairingPollMs, waitForAdmin);
            return;
          case "replaced":
            await writeStatus({ status: "replaced", lastError: reason, lastErrorAt });
            schedule(pairingPollMs, waitForAdmin);
            return;
        }
      }
    });

  async function connect(): Promise<void> {
    if (stopped) return;
    await closeSocket();
    pairingCode = null;
    const loaded = await deps.auth.load(deps.baileysLogger);
    auth = loaded.state;
    await writeStatus({ status: paired(auth) ? "connecting" : "pairing" });
    const s = deps.makeSocket(loaded.state);
    socket = s;
    let saving: Promise<void> = Promise.resolve();
    const onCreds = () => {
      saving = saving.then(loaded.saveCreds).catch((err) => deps.log.error({ err: safeError(err) }, "could not save whatsapp creds"));
    };
    const onConnection = (u: Partial<ConnectionState>) => void onUpdate(s, u);
    s.ev.on("creds.update", onCreds);
    s.ev.on("connection.update", onConnection);
    detach = () => {
      s.ev.off("creds.update", onCreds);
      s.ev.off("connection.update", onConnection);
    };
    for (const listener of socketListeners) listener(s);
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      await enqueue(connect);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
      await work;
      await closeSocket();
      const pending = waiters;
      waiters = [];
      for (const w of pending) w.reject(new StoppedError());
      await writeStatus({ status: "stopped" });
    },
    current: () => openSocket,
    whenOpen(not) {
      if (openSocket && openSocket !== not) return Promise.resolve(openSocket);
      if (stopped) return Promise.reject(new StoppedError());
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    connectedAt: () => connectedAtSec,
    state: () => state,
    onSocket(listener) {
      socketListeners.push(listener);
    },
    idle: () => work,
  };
}
