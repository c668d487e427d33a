// Delivers later messages (librarian answers, reminders) from the outbox to WhatsApp. It pulls a
// leased batch while the connection is open, sends each item through the throttled delivery and
// acks it; a send error goes back to the API, which retries with backoff and finally marks the
// item failed with the error. Users who never wrote are never messaged; users silent for longer
// than the session window get the item the moment they write again (flushFor), before the answer.
import type { Logger } from "../../api/logger.js";
import type { ContactStore } from "./contact-store.js";
import type { Delivery } from "./delivery.js";
import { jidTag } from "./jids.js";
import type { OutboxPort, PulledItem } from "../outbox-port.js";
import { renderReplies } from "./render-reply.js";
import { safeError } from "./safe-error.js";
import { whatsappLocale, type WhatsAppLocale, type WhatsAppTexts } from "./texts.js";
import type { Timers } from "./timers.js";

export type OutboxWorkerDeps = {
  outbox: OutboxPort;
  contacts: Pick<ContactStore, "find">;
  delivery: Pick<Delivery, "send">;
  /** Resolves when the WhatsApp connection is open (rejects when it stops for good). */
  whenOpen(): Promise<unknown>;
  texts: WhatsAppTexts;
  timers: Timers;
  pollMs: number;
  /** A user silent for longer than this is not messaged until they write again. */
  sessionWindowMs: number;
  batchSize?: number;
  /** The locale last seen for a user, when the item does not say. */
  localeOf?(userId: string): WhatsAppLocale | undefined;
  log: Logger;
};

export type OutboxWorker = {
  start(): void;
  /** Stops pulling; the item being sent is finished first. */
  stop(): Promise<void>;
  /** Delivers everything waiting for this user now (they just wrote): held items included. */
  flushFor(userId: string): Promise<void>;
  /** Pull again without waiting for the poll interval (after an enqueue in the same process). */
  nudge(): void;
};

const errorText = (err: unknown) => safeError(err).message || "send failed";

/** Creates the WhatsApp outbox worker. */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const batch = deps.batchSize ?? 10;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let timer: unknown = null;
  // One item at a time: the loop and a flush for a user who just wrote never send the same chat's items interleaved.
  let sending: Promise<void> = Promise.resolve();
  let signalStop: () => void = () => undefined;
  let stopped: Promise<void> = Promise.resolve();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = () => {
        wake = null;
        if (timer !== null) deps.timers.clearTimeout(timer);
        timer = null;
        resolve();
      };
      timer = deps.timers.setTimeout(() => wake?.(), ms);
    });

  const deliverItem = async (item: PulledItem, userIsHere: boolean): Promise<void> => {
    const tag = jidTag(item.recipient);
    try {
      const contact = await deps.contacts.find(item.recipient);
      if (!contact) {
        await deps.outbox.fail(item.id, { error: "recipient never wrote to the bot; WhatsApp users are only messaged after they write first", final: true, leaseId: item.leaseId });
        deps.log.warn({ item: item.id, chat: tag }, "outbox item refused: recipient never wrote first");
        return;
      }
      if (!userIsHere && deps.timers.now() - contact.lastInboundAt.getTime() > deps.sessionWindowMs) {
        await deps.outbox.hold(item.id, { reason: "outside the WhatsApp session window; delivered when the user writes again", leaseId: item.leaseId });
        deps.log.info({ item: item.id, chat: tag }, "outbox item held until the user writes again");
        return;
      }
      const locale = item.payload.locale ? whatsappLocale(item.payload.locale) : deps.localeOf?.(item.recipient) ?? "id";
      for (const message of renderReplies(item.payload.replies ?? [], deps.texts, locale)) {
        await deps.delivery.send(contact.jid, message);
      }
      await deps.outbox.ack(item.id, item.leaseId);
      deps.log.info({ item: item.id, chat: tag }, "outbox item delivered");
    } catch (err) {
      deps.log.warn({ err: safeError(err), item: item.id, chat: tag }, "outbox item not delivered; the service retries it later");
      await deps.outbox.fail(item.id, { error: errorText(err), leaseId: item.leaseId }).catch((e) => deps.log.error({ err: safeError(e), item: item.id }, "could not report the outbox failure"));
    }
  };

  const deliverSerially = (items: PulledItem[], userIsHere: boolean) => {
    const run = sending.then(async () => {
      for (const item of items) await deliverItem(item, userIsHere);
    });
    sending = run.catch(() => undefined);
    return run;
  };

  const runLoop = async () => {
    while (running) {
      let pulled = 0;
      try {
        // Waiting for a connection must not keep stop() waiting as well.
        await Promise.race([deps.whenOpen(), stopped]);
        if (!running) break;
        const items = await deps.outbox.pull({ channel: "whatsapp", limit: batch });
        pulled = items.length;
        await deliverSerially(items, false);
      } catch (err) {
        if (!running) break;
        deps.log.warn({ err: safeError(err) }, "outbox pull failed; trying again later");
      }
      // A full batch means more may be waiting: go on without pausing.
      if (running && pulled < batch) await pause(deps.pollMs);
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      stopped = new Promise((resolve) => (signalStop = resolve));
      loop = runLoop();
    },
    async stop() {
      running = false;
      signalStop();
      wake?.();
      await loop;
      await sending;
      loop = null;
    },
    async flushFor(userId) {
      try {
        const items = await deps.outbox.pull({ channel: "whatsapp", limit: 20, recipient: userId });
        if (items.length > 0) await deliverSerially(items, true);
      } catch (err) {
        deps.log.warn({ err: safeError(err), chat: jidTag(userId) }, "could not deliver waiting outbox items before the answer");
      }
    },
    nudge() {
      wake?.();
    },
  };
}
