// What each model call cost and how it ended, in PostgreSQL (LlmUsage) and the log. Never the
// prompt or the answer: those contain what users wrote.
import type { Db } from "../db/prisma.js";
import type { Logger } from "../logger.js";

export type LlmPurpose = "intent" | "research" | "faq" | "librarian";

export type LlmOutcome = "ok" | "timeout" | "error" | "invalid" | "budget";

export type UsageRecord = {
  patronId: number | null;
  purpose: LlmPurpose;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  outcome: LlmOutcome;
};

export type UsageLog = {
  record(entry: UsageRecord): Promise<void>;
  /** Tokens a patron used since `since`. */
  tokensSince(patronId: number, since: Date): Promise<number>;
};

/** Usage stored in LlmUsage; a failed write is logged and never fails the user's answer. */
export function createUsageLog(deps: { db: Db; log: Logger }): UsageLog {
  return {
    async record(entry) {
      const totalTokens = entry.promptTokens + entry.completionTokens;
      deps.log.info(
        { llm: { purpose: entry.purpose, model: entry.model, promptTokens: entry.promptTokens, completionTokens: entry.completionTokens, totalTokens, latencyMs: entry.latencyMs, outcome: entry.outcome } },
        "llm call",
      );
      try {
        await deps.db.llmUsage.create({ data: { ...entry, latencyMs: Math.round(entry.latencyMs), totalTokens } });
      } catch (err) {
        deps.log.warn({ err }, "could not store LLM usage");
      }
    },
    async tokensSince(patronId, since) {
      const sum = await deps.db.llmUsage.aggregate({ _sum: { totalTokens: true }, where: { patronId, createdAt: { gte: since } } });
      return sum._sum.totalTokens ?? 0;
    },
  };
}
