// Outbound throttling against bans. WhatsApp flags numbers that answer instantly, send bursts or
// message many chats at machine speed, so every send waits for: the chat's previous message plus
// an interval, a random jitter, and a free slot in a global per-minute budget. Nothing is dropped:
// a burst just waits in the queue. Time and sleeping are injected so tests never wait for real.

export type Sleep = (ms: number) => Promise<void>;

export type SendQueueOptions = {
  /** Minimum gap between two messages to the same chat. */
  chatIntervalMs: number;
  /** At most this many messages in any 60 seconds, over all chats. */
  globalPerMinute: number;
  /** Up to this much extra random delay before each message. */
  jitterMs: number;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
};

export type SendQueue = {
  /** Runs `task` after the chat's earlier tasks, within the limits; its result or error is returned. */
  run<T>(chatJid: string, task: () => Promise<T>): Promise<T>;
  /** Tasks waiting or running. */
  size(): number;
};

const MINUTE = 60_000;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Creates the per-chat FIFO queue with the per-chat, jitter and global limits. */
export function createSendQueue(opts: SendQueueOptions): SendQueue {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const chains = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();
  const window: number[] = [];
  let globalGate: Promise<void> = Promise.resolve();
  let size = 0;

  // Slots are taken one at a time, so two chats never both see the last free one.
  const takeGlobalSlot = async (): Promise<void> => {
    const previous = globalGate;
    let release!: () => void;
    globalGate = new Promise((r) => (release = r));
    await previous;
    try {
      for (;;) {
        const t = now();
        while (window.length > 0 && window[0]! <= t - MINUTE) window.shift();
        if (window.length < opts.globalPerMinute) {
          window.push(t);
          return;
        }
        await sleep(window[0]! + MINUTE - t);
      }
    } finally {
      release();
    }
  };

  const waitForChat = async (chatJid: string): Promise<void> => {
    const jitter = Math.round(random() * opts.jitterMs);
    const last = lastSent.get(chatJid);
    const due = (last === undefined ? now() : Math.max(now(), last + opts.chatIntervalMs)) + jitter;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
  };

  return {
    run<T>(chatJid: string, task: () => Promise<T>): Promise<T> {
      size += 1;
      const previous = chains.get(chatJid) ?? Promise.resolve();
      const result = previous.then(async () => {
        await waitForChat(chatJid);
        await takeGlobalSlot();
        try {
          return await task();
        } finally {
          lastSent.set(chatJid, now());
        }
      });
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      chains.set(chatJid, settled);
      void settled.then(() => {
        size -= 1;
        // The last task of a chat removes its chain, so idle chats cost no memory.
        if (chains.get(chatJid) === settled) {
          chains.delete(chatJid);
          if (lastSent.size > 10_000) lastSent.delete(lastSent.keys().next().value!);
        }
      });
      return result;
    },
    size: () => size,
  };
}
