// Delivers later messages (librarian answers, reminders) from the outbox to Telegram: pull a leased
// batch of channel "telegram" items, send each item's replies to the user's private chat (a Telegram
// user id is their private chat id), ack it. Telegram itself refuses users who never wrote to the
// bot or blocked it (403) and unknown chats (400): those items fail for good. Anything else goes
// back to the service, which retries with backoff and finally marks the item failed.
import { GrammyError, type Api } from "grammy";
import type { Logger } from "../../api/logger.js";
import type { OutboxPort, PulledItem } from "../outbox-port.js";
import { createPoller } from "../poller.js";
import type { CallbackData } from "./callback-data.js";
import { sendReplies } from "./send-replies.js";
import { describeError } from "./telegram-error.js";

export type TelegramOutboxWorker = {
  start(): void;
  /** Stops polling; the item being sent is finished first. */
  stop(): Promise<void>;
  /** Delivers every due item now; resolves with how many were pulled. */
  deliverDue(): Promise<number>;
};

function isFinal(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 403 || (err.error_code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(err.description)));
}

/** Creates the worker; `api` is the bot's deliveryApi (429s waited out, 5xx and network errors left to the outbox). */
export function createTelegramOutboxWorker(deps: { outbox: OutboxPort; api: Api; callbackData: CallbackData; log: Logger; pollMs: number; batchSize?: number }): TelegramOutboxWorker {
  const batch = deps.batchSize ?? 10;

  const deliver = async (item: PulledItem) => {
    const chatId = Number(item.recipient);
    try {
      if (!Number.isSafeInteger(chatId)) throw new Error("recipient is not a Telegram user id");
      await sendReplies(deps.api, item.payload.replies ?? [], { to: { chatId }, edit: null }, deps);
      await deps.outbox.ack(item.id, item.leaseId);
      deps.log.info({ item: item.id }, "outbox item delivered to Telegram");
    } catch (err) {
      const final = !Number.isSafeInteger(chatId) || isFinal(err);
      const error = err instanceof GrammyError ? `${err.error_code}: ${err.description}` : err instanceof Error ? err.message : String(err);
      deps.log.warn({ item: item.id, final, telegram: describeError(err) }, "outbox item not delivered to Telegram");
      await deps.outbox.fail(item.id, { error: error.slice(0, 500), final, leaseId: item.leaseId }).catch((e: unknown) => deps.log.error({ err: describeError(e), item: item.id }, "could not report the outbox failure"));
    }
  };

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const items = await deps.outbox.pull({ channel: "telegram", limit: batch });
      for (const item of items) await deliver(item);
      total += items.length;
      if (items.length < batch) return total;
    }
  };

  const poller = createPoller({ pass: drain, pollMs: deps.pollMs, onError: (err) => deps.log.warn({ err: describeError(err) }, "outbox pull failed; trying again later") });
  return { start: poller.start, stop: poller.stop, deliverDue: poller.runNow };
}
