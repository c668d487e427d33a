// The demo library (Perpustakaan Kota Kupang: 349 real books, four branches) in a database and a
// search index of the test file's own, imported through the normal importer, and a dialog engine
// with the research feature. Nothing is faked but the language model, which is a local fake
// OpenAI server when a test wants one.
import { seedDemo } from "../../api/catalogue/seed-demo.js";
import type { CatalogueService } from "../../api/catalogue/search-catalogue.js";
import { loadConfig, type Config } from "../../api/config.js";
import type { Db } from "../../api/db/prisma.js";
import { createDialogEngine, type DialogEngine } from "../../api/dialog/engine.js";
import type { InboundMessage, Reply } from "../../api/dialog/reply.js";
import { createLlmClient, type LlmClient } from "../../api/llm/llm-client.js";
import { llmConfigFrom } from "../../api/llm/llm-config.js";
import { createUsageLog } from "../../api/llm/llm-usage.js";
import type { Logger } from "../../api/logger.js";
import { createResearchFeatureFromConfig } from "../../api/research/research-feature.js";
import type { SearchBackend } from "../../search/search-client.js";
import { testClock } from "../support/dialog-library.js";
import { startSearchableCatalogue } from "../support/searchable-catalogue.js";

export type ResearchLibrary = {
  db: Db;
  search: SearchBackend & { cleanup(): Promise<void> };
  catalogue: CatalogueService;
  log: Logger;
  config(overrides?: Record<string, string>): Config;
  /** The id of the demo record with this title (and year, when there are several). */
  recordId(title: string, year?: number): Promise<number>;
  /** An engine with the research feature; `llm` env overrides switch the language model on. */
  engine(env?: Record<string, string>): { dialog: DialogEngine; llm: LlmClient };
  close(): Promise<void>;
};

export async function createResearchLibrary(): Promise<ResearchLibrary> {
  const { tdb, search, log, catalogue, close } = await startSearchableCatalogue({ seed: (db, log) => seedDemo({ db, log }) });
  const db = tdb.db;
  const config = (overrides: Record<string, string> = {}) => loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", RATE_LIMIT_MESSAGES: "1000", ...overrides });
  return {
    db,
    search,
    catalogue,
    log,
    config,
    async recordId(title, year) {
      const row = await db.bibRecord.findFirst({ where: { title, ...(year ? { year } : {}) }, select: { id: true } });
      if (!row) throw new Error(`demo catalogue has no "${title}"`);
      return row.id;
    },
    engine(env = {}) {
      const cfg = config(env);
      const llm = createLlmClient({ config: llmConfigFrom(cfg), usage: createUsageLog({ db, log }), log });
      const feature = createResearchFeatureFromConfig({ db, catalogue, search, config: cfg, log, llm });
      const dialog = createDialogEngine({ db, catalogue, config: cfg, log, clock: testClock("2026-11-22T02:00:00Z"), features: [feature] });
      return { dialog, llm };
    },
    close,
  };
}

let counter = 0;

/** A chat user: send(text) or press(payload), each a new message id. */
export function chatUser(dialog: DialogEngine, channel: InboundMessage["channel"] = "telegram") {
  const userId = `r${++counter}${Date.now() % 100000}`;
  let n = 0;
  const send = (extra: Partial<InboundMessage>): Promise<Reply[]> => dialog.handle({ channel, userId, messageId: `${userId}-${++n}`, locale: "id", ...extra });
  return {
    userId,
    channel,
    say: (text: string) => send({ text }),
    press: (payload: string) => send({ payload }),
  };
}

/** All text of some replies, joined. */
export const textOf = (replies: Reply[]) => replies.map((r) => r.text).join("\n");
/** All button payloads of some replies. */
export const payloadsOf = (replies: Reply[]) => replies.flatMap((r) => r.buttons ?? []).map((b) => b.payload);
