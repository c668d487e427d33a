// User journeys every chat channel must pass the same way, so Telegram and WhatsApp cannot drift
// apart. A channel plugs in a ChannelDriver that plays a resident on that channel (through the
// channel's fake: Telegram's Bot API server, WhatsApp's socket stand-in) and reports what the
// resident sees, with channel formatting removed. The app, engine, PostgreSQL and Meilisearch
// are real (tests/support/dialog-library.ts).
//
// Use: in a test file, `channelContract(() => createMyDriver())`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { App } from "../../api/app-env.js";
import type { Db } from "../../api/db/prisma.js";
import { createOutboxService, type OutboxService } from "../../api/outbox/outbox-service.js";
import { createDialogLibrary, type DialogLibrary } from "../support/dialog-library.js";

/** One bot message as the resident sees it. */
export type SeenMessage = {
  /** The text as displayed, without bold/italic markers; choices are not part of it. */
  text: string;
  /** What the resident can pick, in order: Telegram button labels, WhatsApp's numbered list. */
  choices: string[];
  document?: { fileName: string; mimeType: string };
};

/** What a driver gets to work with: the real app (engine included) and its outbox. */
export type ContractEnv = {
  app: App;
  db: Db;
  serviceToken: string;
  /** Enqueue later messages here; the channel's worker must deliver them via /v1/outbox. */
  outbox: OutboxService;
};

/** A resident on one channel. Every method resolves once the bot has finished answering. */
export interface ChannelUser {
  /** The channel user id the engine and the outbox know this resident by (Patron.channelUserId). */
  readonly userId: string;
  /** Writes text in the private chat with the bot; returns the bot messages it caused. */
  write(text: string): Promise<SeenMessage[]>;
  /** Picks choice n (1-based) of the latest bot message that had choices: Telegram presses the button, WhatsApp answers the number. */
  choose(n: number): Promise<SeenMessage[]>;
  /** The platform delivers the resident's last message again (a retry); returns what the bot sent for it. */
  redeliverLast(): Promise<SeenMessage[]>;
  /** Sends a sticker (content that is not text). */
  sendSticker(): Promise<SeenMessage[]>;
  /** Writes in a group chat with the bot, addressing it (mention) or not. */
  writeInGroup(text: string, opts: { addressed: boolean }): Promise<SeenMessage[]>;
  /** Lets the channel's outbox worker deliver every due item, then returns what this resident received. */
  receiveOutbox(): Promise<SeenMessage[]>;
}

/** Plays residents on one channel. */
export interface ChannelDriver {
  readonly channel: "telegram" | "whatsapp";
  start(env: ContractEnv): Promise<void>;
  stop(): Promise<void>;
  /** A resident who has not written yet. */
  newUser(name: string): Promise<ChannelUser>;
}

export const CONTRACT_SERVICE_TOKEN = "contract-service-token-0123456789";

const all = (messages: SeenMessage[]) => messages.map((m) => m.text).join("\n");
const withChoices = (messages: SeenMessage[]) => messages.filter((m) => m.choices.length > 0).at(-1);

/** Registers the shared journeys for one channel. */
export function channelContract(makeDriver: () => ChannelDriver): void {
  const driver = makeDriver();
  let lib: DialogLibrary;
  let outbox: OutboxService;

  beforeAll(async () => {
    lib = await createDialogLibrary();
    const config = lib.config({ SERVICE_TOKEN: CONTRACT_SERVICE_TOKEN });
    outbox = createOutboxService({ db: lib.db, leaseMs: 60_000, maxAttempts: 3, retry: { baseMs: 30_000, maxMs: 600_000 } });
    const app = createApp({ db: lib.db, search: lib.search, config, log: lib.log, catalogue: lib.catalogue, outbox });
    await driver.start({ app, db: lib.db, serviceToken: CONTRACT_SERVICE_TOKEN, outbox });
  });
  afterAll(async () => {
    await driver.stop();
    await lib?.close();
  });

  describe(`channel contract: ${driver.channel}`, () => {
    it("resident journey: 'ada buku bumi manusia?' → results with choices → details of the chosen book", async () => {
      const sari = await driver.newUser("Sari");
      const first = await sari.write("ada buku bumi manusia?");
      // The first contact carries the one-time privacy line.
      expect(all(first)).toContain("/hapusdata");
      const results = withChoices(first);
      expect(results, "a result list with choices").toBeDefined();
      expect(results!.text).toContain("Bumi Manusia");
      expect(results!.text).toContain("Pramoedya Ananta Toer");
      // The choice that opens the book (its label names it; the others page or change branch).
      const pick = results!.choices.findIndex((c) => /bumi manusia/i.test(c)) + 1;
      expect(pick, `a choice naming the book among ${JSON.stringify(results!.choices)}`).toBeGreaterThan(0);

      const shown = await sari.choose(pick);
      const text = all(shown);
      expect(text).toContain("Bumi Manusia");
      expect(text).toContain("Ketersediaan");
      expect(text).toContain("Cabang Oebobo");
      expect(withChoices(shown)?.choices.some((c) => /kembali/i.test(c))).toBe(true);
    });

    it("the same message delivered twice by the platform is answered once", async () => {
      const budi = await driver.newUser("Budi");
      const first = await budi.write("buka jam berapa hari Minggu?");
      expect(first.length).toBeGreaterThan(0);
      expect(await budi.redeliverLast()).toEqual([]);
    });

    it("a sticker gets a short note that only text is read, and the chat goes on", async () => {
      const citra = await driver.newUser("Citra");
      const note = await citra.sendSticker();
      expect(note.length).toBeGreaterThan(0);
      expect(all(note)).toMatch(/teks/i);
      const after = await citra.write("bumi manusia");
      expect(all(after)).toContain("Bumi Manusia");
    });

    it("in a group the bot answers only when addressed", async () => {
      const dedi = await driver.newUser("Dedi");
      expect(await dedi.writeInGroup("ada yang punya buku bumi manusia?", { addressed: false })).toEqual([]);
      const answered = await dedi.writeInGroup("ada buku bumi manusia?", { addressed: true });
      expect(all(answered)).toContain("Bumi Manusia");
    });

    it("a later message from the outbox reaches a resident who wrote, once; one who never wrote gets nothing", async () => {
      const eka = await driver.newUser("Eka");
      await eka.write("halo");
      const stranger = await driver.newUser("Fajar");
      const answer = { replies: [{ text: "Jawaban pustakawan: *Bumi Manusia* ada di rak 899.", buttons: [{ label: "Terima kasih", payload: "thanks" }] }] };
      await outbox.enqueue({ channel: driver.channel, recipient: eka.userId, payload: answer });
      await outbox.enqueue({ channel: driver.channel, recipient: stranger.userId, payload: answer });

      const received = await eka.receiveOutbox();
      expect(received).toHaveLength(1);
      expect(received[0]!.text).toBe("Jawaban pustakawan: Bumi Manusia ada di rak 899.");
      expect(received[0]!.choices).toEqual(["Terima kasih"]);
      expect(await stranger.receiveOutbox()).toEqual([]);
      // Delivered items are not delivered again.
      expect(await eka.receiveOutbox()).toEqual([]);
    });
  });
}
