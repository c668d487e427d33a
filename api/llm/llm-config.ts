import type { Config } from "../config.js";

/** What the LLM wrapper needs from the configuration (see api/config.ts for the variables). */
export type LlmConfig = {
  /** Off unless OPENAI_API_KEY or OPENAI_BASE_URL is set. */
  enabled: boolean;
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  /** Whole call, retry included. */
  timeoutMs: number;
  /** max_tokens sent with each request. */
  maxOutputTokens: number;
  /** Estimated prompt tokens plus maxOutputTokens may not exceed this; larger contexts are trimmed or refused. */
  maxRequestTokens: number;
  /** Tokens one patron may use in 24 hours. */
  dailyUserTokens: number;
  /** Ask for server-sent events (some OpenAI-compatible gateways only stream). */
  stream: boolean;
};

type LlmEnv = Pick<
  Config,
  "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_MODEL" | "LLM_TIMEOUT_MS" | "LLM_MAX_OUTPUT_TOKENS" | "LLM_MAX_REQUEST_TOKENS" | "LLM_DAILY_USER_TOKENS" | "LLM_STREAM"
>;

/** The LLM settings from the validated environment. */
export function llmConfigFrom(config: LlmEnv): LlmConfig {
  return {
    enabled: Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL),
    // A local OpenAI-compatible server usually takes any key; the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    baseUrl: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    maxRequestTokens: config.LLM_MAX_REQUEST_TOKENS,
    dailyUserTokens: config.LLM_DAILY_USER_TOKENS,
    stream: config.LLM_STREAM,
  };
}
