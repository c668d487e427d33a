// The one place that talks to an OpenAI-compatible server. Callers get a result, never an
// exception: every failure (off, over budget, timeout, HTTP error, unusable answer) comes back as
// a reason, and the caller answers with its rule-based path instead. The user's message is
// handled either way.
import OpenAI from "openai";
import type { Clock } from "../dialog/clock.js";
import type { Logger } from "../logger.js";
import type { LlmConfig } from "./llm-config.js";
import type { LlmOutcome, LlmPurpose, UsageLog } from "./llm-usage.js";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type LlmRequest = {
  purpose: LlmPurpose;
  /** Whose daily budget pays; null for calls made for nobody in particular. */
  patronId: number | null;
  messages: ChatMessage[];
  /** Lower than the configured maximum for short answers (intent JSON). */
  maxOutputTokens?: number;
  /** Ask for a JSON object (response_format json_object). */
  json?: boolean;
  /** Rejects an answer the caller cannot use (bad JSON …); counted as outcome "invalid". */
  validate?(text: string): boolean;
};

export type LlmFailureReason = "disabled" | "budget" | "too_large" | "timeout" | "error" | "invalid";

export type LlmResult =
  | { ok: true; text: string; model: string; promptTokens: number; completionTokens: number; latencyMs: number }
  | { ok: false; reason: LlmFailureReason };

export type LlmClient = {
  readonly enabled: boolean;
  readonly config: LlmConfig;
  complete(req: LlmRequest): Promise<LlmResult>;
  /** Rough token count of a text (about three characters per token for Indonesian and English). */
  estimateTokens(text: string): number;
};

export type LlmClientDeps = { config: LlmConfig; usage: UsageLog; log: Logger; clock?: Clock };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rough, deliberately high: budgets should stop a little early rather than late. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3) + 4;
}

function retryable(err: unknown): boolean {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) return false;
  if (err instanceof OpenAI.APIConnectionError) return true;
  if (err instanceof OpenAI.APIError) return err.status === undefined || err.status >= 500 || err.status === 429 || err.status === 408;
  return false;
}

type Answer = { text: string; promptTokens?: number; completionTokens?: number; model?: string };

/** Creates the wrapper; with LLM off every call returns { ok: false, reason: "disabled" } at once. */
export function createLlmClient(deps: LlmClientDeps): LlmClient {
  const { config, usage, log } = deps;
  const now = () => (deps.clock ?? { now: () => new Date() }).now();
  // The SDK's own retries are off: it would retry after our deadline; we retry once ourselves.
  const client = config.enabled ? new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: config.timeoutMs }) : null;

  async function ask(req: LlmRequest, maxTokens: number, signal: AbortSignal, timeout: number): Promise<Answer> {
    const body = {
      model: config.model,
      messages: req.messages,
      max_tokens: maxTokens,
      temperature: 0.2,
      ...(req.json ? { response_format: { type: "json_object" as const } } : {}),
    };
    if (!config.stream) {
      const res = await client!.chat.completions.create(body, { signal, timeout });
      return {
        text: res.choices[0]?.message?.content ?? "",
        promptTokens: res.usage?.prompt_tokens,
        completionTokens: res.usage?.completion_tokens,
        model: res.model,
      };
    }
    const stream = await client!.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal, timeout });
    const answer: Answer = { text: "" };
    for await (const chunk of stream) {
      answer.text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) {
        answer.promptTokens = chunk.usage.prompt_tokens;
        answer.completionTokens = chunk.usage.completion_tokens;
      }
      answer.model ??= chunk.model;
    }
    return answer;
  }

  return {
    enabled: client !== null,
    config,
    estimateTokens,
    async complete(req) {
      if (!client) return { ok: false, reason: "disabled" };
      const maxTokens = Math.min(req.maxOutputTokens ?? config.maxOutputTokens, config.maxOutputTokens);
      const promptEstimate = req.messages.reduce((n, m) => n + estimateTokens(m.content), 0);
      if (promptEstimate + maxTokens > config.maxRequestTokens) {
        log.warn({ llm: { purpose: req.purpose, promptEstimate, maxTokens, limit: config.maxRequestTokens } }, "llm request over the per-request token budget; not sent");
        return { ok: false, reason: "too_large" };
      }
      const record = (outcome: LlmOutcome, latencyMs: number, promptTokens: number, completionTokens: number) =>
        usage.record({ patronId: req.patronId, purpose: req.purpose, model: config.model, promptTokens, completionTokens, latencyMs, outcome });

      if (req.patronId !== null) {
        let used: number;
        try {
          used = await usage.tokensSince(req.patronId, new Date(now().getTime() - DAY_MS));
        } catch (err) {
          log.warn({ err }, "could not read LLM usage; not calling the model");
          return { ok: false, reason: "error" };
        }
        if (used + promptEstimate + maxTokens > config.dailyUserTokens) {
          await record("budget", 0, 0, 0);
          return { ok: false, reason: "budget" };
        }
      }

      const started = performance.now();
      const deadline = started + config.timeoutMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), config.timeoutMs);
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            const answer = await ask(req, maxTokens, controller.signal, Math.max(1, Math.floor(deadline - performance.now())));
            const latencyMs = performance.now() - started;
            const promptTokens = answer.promptTokens ?? promptEstimate;
            const completionTokens = answer.completionTokens ?? estimateTokens(answer.text);
            const text = answer.text.trim();
            if (!text || (req.validate && !req.validate(text))) {
              await record("invalid", latencyMs, promptTokens, completionTokens);
              return { ok: false, reason: "invalid" };
            }
            await record("ok", latencyMs, promptTokens, completionTokens);
            return { ok: true, text, model: answer.model ?? config.model, promptTokens, completionTokens, latencyMs };
          } catch (err) {
            const timedOut = controller.signal.aborted || err instanceof OpenAI.APIConnectionTimeoutError;
            if (!timedOut && attempt === 1 && retryable(err) && deadline - performance.now() > 50) {
              log.warn({ llm: { purpose: req.purpose, status: (err as { status?: number }).status } }, "llm call failed; retrying once");
              continue;
            }
            const latencyMs = performance.now() - started;
            // The prompt was sent and may be billed, so it counts against the budget.
            await record(timedOut ? "timeout" : "error", latencyMs, promptEstimate, 0);
            log.warn({ llm: { purpose: req.purpose, outcome: timedOut ? "timeout" : "error", status: (err as { status?: number }).status, attempts: attempt } }, "llm call failed; answering without it");
            return { ok: false, reason: timedOut ? "timeout" : "error" };
          }
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
