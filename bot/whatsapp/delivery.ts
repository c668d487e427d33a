// Sends rendered messages to a chat through the throttled queue, on whatever socket is open at
// that moment (a reconnect replaces the socket). A send that fails because the connection dropped
// waits for the next connection and tries again, so a burst during a reconnect is not lost.
import type { MiscMessageGenerationOptions, WAMessage } from "@whiskeysockets/baileys";
import type { Logger } from "../../api/logger.js";
import { disconnectCode } from "./disconnect-reason.js";
import { jidTag } from "./jids.js";
import { safeError } from "./safe-error.js";
import type { OutgoingMessage } from "./render-reply.js";
import type { SendQueue } from "./send-queue.js";
import type { SentButtons } from "./sent-buttons.js";
import type { WhatsAppSocket } from "./socket-port.js";

export type Delivery = {
  /** Sends one message to a chat in order with the chat's other messages; rejects after `tries` failures. */
  send(chatJid: string, message: OutgoingMessage, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
  /** "typing…" in a chat; best effort, never throws. */
  presence(chatJid: string, type: "composing" | "paused"): Promise<void>;
};

export type DeliveryDeps = {
  queue: SendQueue;
  /** The open socket; with `not`, the next one after that (a reconnect). */
  whenOpen(not?: WhatsAppSocket): Promise<WhatsAppSocket>;
  current(): WhatsAppSocket | null;
  sentButtons: SentButtons;
  log: Logger;
  /** Attempts per message before giving up (the outbox retries later on its own). */
  tries?: number;
};

const isConnectionClosed = (err: unknown) => {
  const code = disconnectCode(err);
  return code === 428 || code === 408 || /connection (closed|lost)/i.test(String((err as Error | null)?.message ?? ""));
};

/** Creates the delivery used for replies and outbox items alike. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const tries = deps.tries ?? 3;
  return {
    send(chatJid, message, options) {
      return deps.queue.run(chatJid, async () => {
        let lastError: unknown;
        let broken: WhatsAppSocket | undefined;
        for (let attempt = 1; attempt <= tries; attempt++) {
          const socket = await deps.whenOpen(broken);
          try {
            const sent = await socket.sendMessage(chatJid, message.content, options);
            if (message.buttons && sent?.key?.id) deps.sentButtons.remember(sent.key.id, message.buttons);
            return sent;
          } catch (err) {
            lastError = err;
            // A closed connection will not recover: the next try waits for the reconnect.
            broken = isConnectionClosed(err) ? socket : undefined;
            deps.log.warn({ err: safeError(err), chat: jidTag(chatJid), attempt }, "whatsapp send failed");
          }
        }
        throw lastError;
      });
    },
    async presence(chatJid, type) {
      const socket = deps.current();
      if (!socket) return;
      try {
        await socket.sendPresenceUpdate(type, chatJid);
      } catch {
        // Typing indicators are a courtesy; a failure must not hold up the answer.
      }
    },
  };
}
