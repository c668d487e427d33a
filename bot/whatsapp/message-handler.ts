// Incoming WhatsApp messages -> the engine -> WhatsApp replies. Attached to every socket the
// connection manager makes. Messages of one chat are answered one after another, so "2" typed
// right after a search is answered after the results; different chats run side by side.
import type { BaileysEventMap, WAMessage } from "@whiskeysockets/baileys";
import type { InboundMessage, Reply } from "../../api/dialog/reply.js";
import type { Logger } from "../../api/logger.js";
import { createRecentIds } from "../recent-ids.js";
import type { ContactStore } from "./contact-store.js";
import type { Delivery } from "./delivery.js";
import { extractMessage, type Extracted } from "./extract-message.js";
import { jidTag } from "./jids.js";
import { renderReplies } from "./render-reply.js";
import { safeError } from "./safe-error.js";
import type { SentButtons } from "./sent-buttons.js";
import type { WhatsAppSocket } from "./socket-port.js";
import { whatsappLocale, type WhatsAppLocale, type WhatsAppTexts } from "./texts.js";

/** The engine's answer; `locale` (the patron's language), when the service gives it, picks "Balas"/"Reply". */
export type EngineAnswer = { replies: Reply[]; locale?: string };

/** Hands one message to the engine: POST /v1/messages in process or over HTTP (bot/client.ts). */
export type SendToEngine = (msg: InboundMessage) => Promise<Reply[] | EngineAnswer>;

export type MessageHandlerDeps = {
  send: SendToEngine;
  delivery: Delivery;
  contacts: Pick<ContactStore, "recordInbound">;
  sentButtons: SentButtons;
  texts: WhatsAppTexts;
  /** Unix seconds the current connection opened (older messages are history). */
  connectedAt(): number | null;
  /** Sends what waits in the outbox for this user before answering (they are here now). */
  flushOutbox?(userId: string): Promise<void>;
  now?: () => Date;
  /** How many message ids to remember for dropping redeliveries. */
  recentIds?: number;
  log: Logger;
};

export type MessageHandler = {
  /** Subscribes to the socket's messages.upsert. */
  attach(socket: WhatsAppSocket): void;
  /** Handles one upsert event (what attach() subscribes); resolves when every reply is sent. */
  handleUpsert(socket: WhatsAppSocket, event: BaileysEventMap["messages.upsert"]): Promise<void>;
  /** The last locale the engine reported for a user. */
  localeOf(userId: string): WhatsAppLocale | undefined;
  /** Resolves when all messages received so far are answered (tests, shutdown). */
  idle(): Promise<void>;
};

const asAnswer = (a: Reply[] | EngineAnswer): EngineAnswer => (Array.isArray(a) ? { replies: a } : a);

/** Creates the inbound side of the WhatsApp adapter. */
export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const now = deps.now ?? (() => new Date());
  const chains = new Map<string, Promise<void>>();
  const locales = new Map<string, WhatsAppLocale>();
  const inFlight = new Set<Promise<void>>();
  const recent = createRecentIds<string>(deps.recentIds);

  const rememberLocale = (userId: string, tag: string | undefined) => {
    if (!tag) return;
    locales.delete(userId);
    locales.set(userId, whatsappLocale(tag));
    if (locales.size > 50_000) locales.delete(locales.keys().next().value!);
  };

  async function answer(socket: WhatsAppSocket, msg: WAMessage, ex: Exclude<Extracted, { kind: "ignore" }>): Promise<void> {
    const { chatJid, sender } = ex;
    const tag = jidTag(chatJid);
    // Only a private message opens the private chat: someone who mentioned the bot in a group has
    // not written to it, and a first private message from the bot would be unsolicited.
    if (!ex.group) {
      await deps.contacts.recordInbound(sender, now()).catch((err) => deps.log.error({ err: safeError(err), chat: tag }, "could not record the whatsapp contact"));
    }
    await socket.readMessages([ex.key]).catch(() => undefined);
    const locale = locales.get(sender.userId) ?? "id";
    // In groups the answer quotes the question, so everyone sees whom it is for.
    const options = ex.group ? { quoted: msg } : undefined;

    if (ex.kind === "unsupported") deps.log.debug({ chat: tag, what: ex.what }, "whatsapp message without text");
    if (!ex.group) await deps.flushOutbox?.(sender.userId);
    await deps.delivery.presence(chatJid, "composing");
    let replies: Reply[];
    let replyLocale = locale;
    try {
      const result = asAnswer(await deps.send(ex.inbound));
      rememberLocale(sender.userId, result.locale);
      replyLocale = locales.get(sender.userId) ?? locale;
      replies = result.replies;
    } catch (err) {
      deps.log.error({ err: safeError(err), chat: tag }, "the service did not answer a whatsapp message");
      replies = [{ text: deps.texts[locale].unavailable }];
    }
    try {
      for (const message of renderReplies(replies, deps.texts, replyLocale)) await deps.delivery.send(chatJid, message, options);
    } finally {
      await deps.delivery.presence(chatJid, "paused");
    }
  }

  async function handleOne(socket: WhatsAppSocket, msg: WAMessage, type: "notify" | "append"): Promise<void> {
    const ex = extractMessage(msg, type, {
      me: socket.user ? { id: socket.user.id, ...(socket.user.lid ? { lid: socket.user.lid } : {}) } : undefined,
      connectedAt: deps.connectedAt(),
      buttonsOf: (id) => deps.sentButtons.get(id),
    });
    if (ex.kind === "ignore") {
      deps.log.debug({ why: ex.why }, "whatsapp message ignored");
      return;
    }
    // WhatsApp delivers a message again after a reconnect or a retry receipt; the engine would
    // return its stored answer, which must not reach the chat a second time.
    if (!recent.firstTime(ex.inbound.messageId)) {
      deps.log.debug("whatsapp message delivered again; already answered");
      return;
    }
    const chat = ex.chatJid;
    const previous = chains.get(chat) ?? Promise.resolve();
    const run = previous.then(() => answer(socket, msg, ex)).catch((err) => deps.log.error({ err: safeError(err), chat: jidTag(chat) }, "whatsapp message not answered"));
    chains.set(chat, run);
    inFlight.add(run);
    await run;
    inFlight.delete(run);
    if (chains.get(chat) === run) chains.delete(chat);
  }

  const handler: MessageHandler = {
    attach(socket) {
      socket.ev.on("messages.upsert", (event) => void handler.handleUpsert(socket, event));
    },
    async handleUpsert(socket, event) {
      await Promise.all(event.messages.map((m) => handleOne(socket, m, event.type)));
    },
    localeOf: (userId) => locales.get(userId),
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
  return handler;
}
