import type { Config } from "../config.js";
import type { Db } from "../db/prisma.js";
import { prismaRawSql, type RawSql } from "../db/raw-sql.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import { DEFAULT_LOCALE, toLocale, type Locale } from "../i18n/locale.js";
import type { Logger } from "../logger.js";
import { createBranchDirectory, type BranchInfo } from "./branch-directory.js";
import { systemClock, type Clock } from "./clock.js";
import { CORE_COMMANDS, coreTextRules } from "./core-rules.js";
import type { DialogState } from "./dialog-state.js";
import { registerComingSoonHandlers } from "./handlers/coming-soon.js";
import { registerLanguageHandlers } from "./handlers/language.js";
import { registerLibraryInfoHandlers } from "./handlers/library-info.js";
import { registerMenuHandlers } from "./handlers/menu.js";
import { registerPrivacyHandlers } from "./handlers/privacy.js";
import { registerSearchHandlers } from "./handlers/search.js";
import { createIdempotencyStore } from "./idempotency.js";
import { createIntentRegistry, type IntentRegistry } from "./intent-registry.js";
import { intentFromPayload, parseCommand, type Intent } from "./intent.js";
import { createKeyedLock, type KeyedLock } from "./keyed-lock.js";
import type { LoggedMessage } from "./message-log.js";
import { charLength, tokenize } from "./normalize-text.js";
import { resolveChoice } from "./numbered-choice.js";
import { createPatronStore } from "./patron-store.js";
import type { CataloguePort } from "./ports.js";
import { createPurchaseSuggestionStore } from "./purchase-suggestions.js";
import { createRateLimiter } from "./rate-limit.js";
import { createTurnCommitter } from "./turn-commit.js";
import { createTurnOpener, type OpenedTurn } from "./turn-open.js";
import type { InboundMessage, Reply } from "./reply.js";
import type { PatronView, Turn } from "./turn.js";

/** Longer messages are answered politely and not processed. */
export const MAX_INPUT_CHARS = 1000;
/** Results per page: three short cards fit one screen of a cheap phone. */
export const PAGE_SIZE = 3;

/** A feature that adds intents, commands and rules (lessons, escalation, citations …). */
export type DialogFeature = {
  /** Core handlers this feature replaces, e.g. ["lessons"] for the lessons feature. */
  replaces?: string[];
  register(registry: IntentRegistry): void;
  /** One line for the /start "I can:" list, in the turn's language ("• take short lessons …"). */
  describe?(turn: Turn): string | null;
  /** Runs after any handler, e.g. to add "continue the lesson" to a search answered mid-lesson. */
  afterTurn?(turn: Turn, intent: Intent, replies: Reply[]): Promise<Reply[]>;
};

export type DialogEngineDeps = {
  db: Db;
  /** Runs the two statements of every turn; node-postgres directly is ~0.6 ms of CPU cheaper each than Prisma (the default). */
  sql?: RawSql;
  /** Per-user lock shared with services that write a patron's state outside a turn (the inbox). */
  userLock?: KeyedLock;
  catalogue: CataloguePort;
  config: Pick<Config, "MESSAGE_RETENTION_DAYS" | "RATE_LIMIT_MESSAGES" | "RATE_LIMIT_WINDOW_SECONDS">;
  log: Logger;
  clock?: Clock;
  i18n?: I18n;
  features?: DialogFeature[];
  pageSize?: number;
};

export type Answer = { replies: Reply[]; locale?: Locale };

export type DialogEngine = {
  /** Answers one inbound message; the same (channel, messageId) is handled once. */
  handle(msg: InboundMessage): Promise<Reply[]>;
  /** Like handle, plus the user's language after the turn (unknown for a duplicate), for adapters' own wording. */
  answer(msg: InboundMessage): Promise<Answer>;
  registry: IntentRegistry;
};

// How long a duplicate waits for the first call of the same message to finish.
const DUPLICATE_WAIT_STEPS = 50;
const DUPLICATE_WAIT_MS = 100;

/** The channel-agnostic conversation engine: InboundMessage + stored state -> Reply[]. It calls services, never a channel. */
export function createDialogEngine(deps: DialogEngineDeps): DialogEngine {
  const clock = deps.clock ?? systemClock;
  const i18n = deps.i18n ?? createI18n();
  const patrons = createPatronStore(deps.db);
  const sql = deps.sql ?? prismaRawSql(deps.db);
  const opener = createTurnOpener(sql);
  const committer = createTurnCommitter(sql);
  const idempotency = createIdempotencyStore(deps.db);
  const suggestions = createPurchaseSuggestionStore(deps.db);
  const directory = createBranchDirectory({ db: deps.db, clock });
  const limiter = createRateLimiter({ limit: deps.config.RATE_LIMIT_MESSAGES, windowMs: deps.config.RATE_LIMIT_WINDOW_SECONDS * 1000, clock });
  const lock = deps.userLock ?? createKeyedLock();
  const retentionDays = deps.config.MESSAGE_RETENTION_DAYS;

  const features = deps.features ?? [];
  const registry = createIntentRegistry();
  const replaced = new Set(features.flatMap((f) => f.replaces ?? []));
  for (const rule of coreTextRules()) registry.rule(rule);
  for (const c of CORE_COMMANDS) registry.command(c.names, c.intent);
  registerMenuHandlers(registry, {
    retentionDays,
    maxInputChars: MAX_INPUT_CHARS,
    canDo: (turn) => features.map((f) => f.describe?.(turn) ?? null).filter((line): line is string => Boolean(line)),
  });
  registerSearchHandlers(registry, { catalogue: deps.catalogue, suggestions, pageSize: deps.pageSize ?? PAGE_SIZE, log: deps.log });
  registerLibraryInfoHandlers(registry);
  registerLanguageHandlers(registry);
  registerPrivacyHandlers(registry, { db: deps.db, patrons, suggestions, retentionDays });
  registerComingSoonHandlers(registry, { replace: [...replaced] });
  for (const feature of features) feature.register(registry);

  function resolveIntent(msg: InboundMessage, state: DialogState, branches: BranchInfo[]): Intent {
    if (msg.payload) return intentFromPayload(msg.payload);
    const text = (msg.text ?? "").trim();
    if (!text) return { name: "unsupported", via: "text" };
    const choice = resolveChoice(text, state.lastButtons);
    if (choice.kind === "button") return { ...intentFromPayload(choice.button.payload), via: "choice" };
    if (choice.kind === "out_of_range") return { name: "choice_out_of_range", arg: String(choice.max), via: "text" };
    const command = parseCommand(text);
    if (command) return registry.fromCommand(command.command, command.arg) ?? { name: "unknown_command", arg: command.command, via: "command" };
    const tokens = tokenize(text);
    if (tokens.length === 0) return { name: "no_words", via: "text" };
    return registry.fromText({ raw: text, tokens, command: null, commandArg: "", branches, state }) ?? { name: "search", arg: text, via: "text" };
  }

  function inboundLogText(msg: InboundMessage, tooLong: boolean): string {
    if (tooLong) return `[${charLength(msg.text ?? "")} characters, not processed]`;
    if (msg.payload) return `[button] ${msg.payload}`;
    return msg.text ?? "[no text]";
  }

  /** Claims the message id (unless `claimed` already) and loads the patron, in one statement. */
  function openTurn(msg: InboundMessage, now: Date, claim: boolean): Promise<OpenedTurn> {
    return opener.open({ channel: msg.channel, userId: msg.userId, messageId: msg.messageId, displayName: msg.displayName, locale: msg.locale, now, claim });
  }

  async function runTurn(msg: InboundMessage, opened: OpenedTurn, now: Date): Promise<{ replies: Reply[]; locale: Locale; committed: boolean }> {
    const tooLong = charLength(msg.text ?? "") > MAX_INPUT_CHARS;
    const { patron, state } = opened;
    const branches = await directory.list();
    let locale: Locale = patron.locale;
    let localeChanged = false;
    let forgotten = false;
    const turn: Turn = {
      msg,
      patron: patron satisfies PatronView,
      get locale() {
        return locale;
      },
      t: (key, params) => i18n.t(locale, key, params),
      state,
      now,
      branches,
      setLocale(next) {
        localeChanged = next !== locale;
        locale = next;
      },
      forgotten() {
        forgotten = true;
      },
    };

    let intent: Intent;
    if (!limiter.hit(`${msg.channel}:${msg.userId}`)) intent = { name: "slow_down", via: "text" };
    else if (tooLong) intent = { name: "too_long", via: "text" };
    else intent = resolveIntent(msg, state, branches);

    // A confirmation is only valid as the very next answer; its handler checks the expiry.
    if (state.pending && state.pending.kind !== intent.name) state.pending = undefined;
    const handler = registry.handler(intent.name) ?? registry.handler("stale_button")!;
    let replies = await handler(turn, intent);

    if (forgotten) return { replies, locale, committed: false };
    for (const feature of features) if (feature.afterTurn) replies = await feature.afterTurn(turn, intent, replies);

    let privacyNoticeAt: Date | undefined;
    if (!patron.privacyNoticeAt) {
      privacyNoticeAt = now;
      // Someone who never sent /start (WhatsApp users rarely do) still learns once what is kept.
      if (intent.name !== "start") replies = [{ text: turn.t("start.first_contact", { days: retentionDays }) }, ...replies];
    }
    const withButtons = [...replies].reverse().find((r) => r.buttons && r.buttons.length > 0);
    state.lastButtons = withButtons?.buttons;

    const logged: LoggedMessage[] = [{ direction: "in", text: inboundLogText(msg, tooLong) }, ...replies.map((r) => ({ direction: "out" as const, text: r.text }))];
    // State, log and the replies of this message id in one statement, before the next message of this user may start.
    await committer.commit({
      channel: msg.channel,
      messageId: msg.messageId,
      patronId: patron.id,
      state,
      patch: { ...(localeChanged ? { locale } : {}), ...(privacyNoticeAt ? { privacyNoticeAt } : {}) },
      logged,
      replies,
      now,
    });
    return { replies, locale, committed: true };
  }

  async function waitForFirst(msg: InboundMessage): Promise<Answer> {
    for (let i = 0; i < DUPLICATE_WAIT_STEPS; i++) {
      await new Promise((r) => setTimeout(r, DUPLICATE_WAIT_MS));
      const claim = await idempotency.claim(msg.channel, msg.messageId, clock.now());
      if (claim.status === "done") return { replies: claim.replies };
      if (claim.status === "claimed") return takeOver(msg);
    }
    // Still running elsewhere: the first call answers the user; this duplicate stays silent.
    return { replies: [] };
  }

  /** Runs a turn whose message id this call holds; on failure frees the id so the channel's retry is handled. */
  async function finishClaimed(msg: InboundMessage, opened: OpenedTurn, now: Date): Promise<Answer> {
    try {
      const { replies, locale, committed } = await runTurn(msg, opened, now);
      // A forgotten patron's turn saved nothing; its replies still answer a redelivery.
      if (!committed) await idempotency.complete(msg.channel, msg.messageId, replies);
      return { replies, locale };
    } catch (err) {
      deps.log.error({ err, channel: msg.channel }, "dialog turn failed");
      await idempotency.release(msg.channel, msg.messageId).catch(() => undefined);
      throw err;
    }
  }

  const userKey = (msg: InboundMessage) => `${msg.channel}:${msg.userId}`;

  /** Runs a message whose id idempotency.claim gave this call (a released or stale claim). */
  function takeOver(msg: InboundMessage): Promise<Answer> {
    return lock.run(userKey(msg), async () => {
      const now = clock.now();
      return finishClaimed(msg, await openTurn(msg, now, false), now);
    });
  }

  async function answer(msg: InboundMessage): Promise<Answer> {
    // One user's messages run one after another, so the state a turn reads is the one the previous
    // turn saved; the claim is made inside the same statement that reads it. A duplicate of a
    // message this process answered therefore finds it done once it gets the lock.
    const first = await lock.run(userKey(msg), async () => {
      const now = clock.now();
      const opened = await openTurn(msg, now, true);
      if (!opened.claimed) return null;
      return finishClaimed(msg, opened, now).catch(() => "failed" as const);
    });
    try {
      if (first === "failed") throw new Error("turn failed");
      if (first) return first;
      const claim = await idempotency.claim(msg.channel, msg.messageId, clock.now());
      if (claim.status === "done") return { replies: claim.replies };
      if (claim.status === "busy") return await waitForFirst(msg);
      return await takeOver(msg);
    } catch {
      // Already logged; the user gets a short apology instead of silence, and may simply resend.
      return { replies: [{ text: i18n.t(toLocale(msg.locale) ?? DEFAULT_LOCALE, "error.generic") }] };
    }
  }

  return {
    registry,
    answer,
    handle: async (msg) => (await answer(msg)).replies,
  };
}
