// A stand-in for a Baileys socket: the adapter talks to it exactly as to makeWASocket's result.
// It records sendMessage / readMessages / sendPresenceUpdate / requestPairingCode, and the test
// emits connection.update, messages.upsert and creds.update through the same `ev` emitter shape
// (on/off/emit with Baileys' event map). WhatsApp's servers cannot be reached from tests.
import { EventEmitter } from "node:events";
import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventMap,
  Contact,
  MiscMessageGenerationOptions,
  WAMessage,
  WAMessageKey,
  WAPresence,
} from "@whiskeysockets/baileys";
import type { SocketFactory, WhatsAppSocket } from "../../bot/whatsapp/socket-port.js";

export type SentRecord = { jid: string; content: AnyMessageContent; options?: MiscMessageGenerationOptions; id: string };

/** The bot's own account in every fixture. */
export const BOT_ACCOUNT: Contact = { id: "6281200000001:5@s.whatsapp.net", lid: "210000000000001:5@lid", name: "Perpustakaan Kota" };

class FakeEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(100);
  on<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    this.emitter.on(event, listener);
  }
  off<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    this.emitter.off(event, listener);
  }
  removeAllListeners<T extends keyof BaileysEventMap>(event: T): void {
    this.emitter.removeAllListeners(event);
  }
  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): boolean {
    return this.emitter.emit(event, arg);
  }
  listenerCount(event: keyof BaileysEventMap): number {
    return this.emitter.listenerCount(event);
  }
}

/** An error shaped like the Boom Baileys puts on lastDisconnect / throws from sendMessage. */
export function boomError(message: string, statusCode: number): Error {
  const error = new Error(message) as Error & { isBoom: boolean; output: { statusCode: number; payload: Record<string, unknown>; headers: Record<string, string> } };
  error.isBoom = true;
  error.output = { statusCode, payload: { statusCode, error: message, message }, headers: {} };
  return error;
}

let sentCounter = 0;

export class FakeWhatsAppSocket implements WhatsAppSocket {
  readonly ev = new FakeEvents();
  user: Contact | undefined;
  readonly sent: SentRecord[] = [];
  readonly reads: WAMessageKey[] = [];
  readonly presence: { type: WAPresence; jid: string | undefined }[] = [];
  readonly pairingCodeRequests: string[] = [];
  ended = false;
  /** Every call in order, for checks like "read before typing before sending". */
  readonly calls: string[] = [];
  /** The next n sendMessage calls throw this error. */
  private failures: { left: number; error: Error } = { left: 0, error: new Error("") };

  constructor(readonly auth: AuthenticationState | null = null) {
    this.user = auth?.creds.me ?? undefined;
  }

  async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined> {
    this.calls.push("sendMessage");
    if (this.failures.left > 0) {
      this.failures.left -= 1;
      throw this.failures.error;
    }
    const id = `BAE5${String(++sentCounter).padStart(12, "0")}`;
    this.sent.push({ jid, content, ...(options ? { options } : {}), id });
    return { key: { remoteJid: jid, fromMe: true, id }, messageTimestamp: Math.floor(Date.now() / 1000) } as WAMessage;
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    this.calls.push("readMessages");
    this.reads.push(...keys);
  }

  async sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void> {
    this.calls.push(`presence:${type}`);
    this.presence.push({ type, jid: toJid });
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingCodeRequests.push(phoneNumber);
    return "ABCD1234";
  }

  end(): void {
    this.ended = true;
  }

  /** Makes the next `times` sends fail with `error` (Baileys throws a Boom when the socket closed). */
  failSends(times: number, error: Error = boomError("Connection Closed", 428)): void {
    this.failures = { left: times, error };
  }

  // What WhatsApp would cause, as Baileys emits it:
  qr(qr: string): void {
    this.ev.emit("connection.update", { connection: "connecting", qr });
  }
  open(account: Contact = BOT_ACCOUNT): void {
    this.user = account;
    this.ev.emit("connection.update", { connection: "open", receivedPendingNotifications: true });
  }
  close(statusCode: number | undefined, message = "Connection Failure"): void {
    const error = statusCode === undefined ? new Error(message) : boomError(message, statusCode);
    this.ev.emit("connection.update", { connection: "close", lastDisconnect: { error, date: new Date() } });
  }
  upsert(event: BaileysEventMap["messages.upsert"]): void {
    this.ev.emit("messages.upsert", event);
  }
  credsUpdate(update: BaileysEventMap["creds.update"]): void {
    if (this.auth) Object.assign(this.auth.creds, update);
    this.ev.emit("creds.update", update);
  }

  /** Texts sent, in order (captions of media included). */
  texts(): string[] {
    return this.sent.map((s) => {
      const c = s.content as { text?: string; caption?: string };
      return c.text ?? c.caption ?? "";
    });
  }
}

/** A socket factory that records every socket it makes (one per connect/reconnect). */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeWhatsAppSocket[]; last(): FakeWhatsAppSocket } {
  const sockets: FakeWhatsAppSocket[] = [];
  return {
    factory: (auth) => {
      const s = new FakeWhatsAppSocket(auth);
      sockets.push(s);
      return s;
    },
    sockets,
    last() {
      const s = sockets.at(-1);
      if (!s) throw new Error("no socket was made yet");
      return s;
    },
  };
}
