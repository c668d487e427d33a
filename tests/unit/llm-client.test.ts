// The LLM wrapper against a fake OpenAI-compatible server on 127.0.0.1: every way a call can end,
// and that each ends with an answer or a reason the caller can fall back on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLlmClient, type LlmClient } from "../../api/llm/llm-client.js";
import type { LlmConfig } from "../../api/llm/llm-config.js";
import type { UsageLog, UsageRecord } from "../../api/llm/llm-usage.js";
import { answer, fakeLlmConfig, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";
import { memoryLogger } from "../support/silent-logger.js";

// The usage log's PostgreSQL side is tested in tests/integration/research-llm.test.ts; here the
// records are kept in memory so each case can read what was counted.
function memoryUsage(initialTokens = 0): UsageLog & { records: UsageRecord[] } {
  const records: UsageRecord[] = [];
  return {
    records,
    async record(entry) {
      records.push(entry);
    },
    async tokensSince() {
      return initialTokens + records.reduce((n, r) => n + r.promptTokens + r.completionTokens, 0);
    },
  };
}

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
});

function client(extra: Partial<LlmConfig> = {}, usage = memoryUsage()) {
  const log = memoryLogger();
  return { llm: createLlmClient({ config: fakeLlmConfig(fake, extra), usage, log }), usage, log };
}

const messages = (text: string) => [
  { role: "system" as const, content: "Anda asisten perpustakaan." },
  { role: "user" as const, content: text },
];

describe("with a language model configured", () => {
  it("a question gets the model's answer, and the call is counted without its text", async () => {
    fake.script(answer("Coba mulai dari buku [R1].", { promptTokens: 120, completionTokens: 12 }));
    const { llm, usage, log } = client();
    const res = await llm.complete({ purpose: "research", patronId: 7, messages: messages("rahasia pribadi: nomor saya 08123456789") });
    expect(res).toMatchObject({ ok: true, text: "Coba mulai dari buku [R1].", promptTokens: 120, completionTokens: 12 });
    expect(usage.records).toEqual([expect.objectContaining({ patronId: 7, purpose: "research", model: "gpt-test", promptTokens: 120, completionTokens: 12, outcome: "ok" })]);
    expect(log.text()).not.toContain("rahasia");
    expect(log.text()).not.toContain("Coba mulai");
    const sent = fake.requests[0]!;
    expect(sent.authorization).toBe("Bearer sk-test-not-real");
    expect(sent.body).toMatchObject({ model: "gpt-test", max_tokens: 300 });
    expect(sent.body.tools).toBeUndefined();
  });

  it("a streamed answer is put together from its pieces, with the usage the server reports", async () => {
    fake.script(answer("Kata kunci yang bagus: stunting, gizi anak, tengkes.", { promptTokens: 50, completionTokens: 14 }));
    const { llm, usage } = client({ stream: true });
    const res = await llm.complete({ purpose: "research", patronId: 1, messages: messages("stunting") });
    expect(res).toMatchObject({ ok: true, text: "Kata kunci yang bagus: stunting, gizi anak, tengkes.", promptTokens: 50, completionTokens: 14 });
    expect(fake.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(usage.records[0]!.outcome).toBe("ok");
  });

  it("a model slower than the timeout is given up on, not retried, and counted as a timeout", async () => {
    fake.script(answer("terlambat", { delayMs: 30_000 }));
    const { llm, usage } = client({ timeoutMs: 600 });
    const res = await llm.complete({ purpose: "intent", patronId: 1, messages: messages("halo") });
    expect(res).toEqual({ ok: false, reason: "timeout" });
    expect(fake.requests).toHaveLength(1);
    expect(usage.records[0]!.outcome).toBe("timeout");
  });

  it("a server that never answers is a timeout too", async () => {
    fake.script({ kind: "hang" });
    const { llm } = client({ timeoutMs: 500, stream: true });
    expect(await llm.complete({ purpose: "intent", patronId: null, messages: messages("halo") })).toEqual({ ok: false, reason: "timeout" });
  });

  it("an HTTP 500 is retried once; a second 500 falls back", async () => {
    fake.script({ kind: "status", status: 500 });
    const { llm, usage } = client();
    expect(await llm.complete({ purpose: "research", patronId: 1, messages: messages("x") })).toEqual({ ok: false, reason: "error" });
    // The SDK's own retries are off: exactly our one retry.
    expect(fake.requests).toHaveLength(2);
    expect(usage.records.map((r) => r.outcome)).toEqual(["error"]);
  });

  it("an HTTP 500 followed by an answer gives the answer", async () => {
    fake.script({ kind: "status", status: 500 }, answer("Berhasil pada percobaan kedua."));
    const { llm } = client();
    expect(await llm.complete({ purpose: "research", patronId: 1, messages: messages("x") })).toMatchObject({ ok: true, text: "Berhasil pada percobaan kedua." });
    expect(fake.requests).toHaveLength(2);
  });

  it("a 400 (our request is wrong) is not retried", async () => {
    fake.script({ kind: "status", status: 400, message: "bad request" });
    const { llm } = client();
    expect(await llm.complete({ purpose: "research", patronId: 1, messages: messages("x") })).toEqual({ ok: false, reason: "error" });
    expect(fake.requests).toHaveLength(1);
  });

  it("an answer the caller cannot use is 'invalid'", async () => {
    fake.script(answer("bukan JSON"));
    const { llm, usage } = client();
    const res = await llm.complete({ purpose: "intent", patronId: 1, json: true, messages: messages("x"), validate: (t) => t.startsWith("{") });
    expect(res).toEqual({ ok: false, reason: "invalid" });
    expect(fake.requests[0]!.body.response_format).toEqual({ type: "json_object" });
    expect(usage.records[0]!.outcome).toBe("invalid");
  });
});

describe("budgets", () => {
  it("a patron who used up today's tokens gets the rule-based answer and the model is not called", async () => {
    const usage = memoryUsage(19_900);
    const { llm } = client({ dailyUserTokens: 20_000 }, usage);
    expect(await llm.complete({ purpose: "research", patronId: 3, messages: messages("stunting") })).toEqual({ ok: false, reason: "budget" });
    expect(fake.requests).toHaveLength(0);
    expect(usage.records).toEqual([expect.objectContaining({ outcome: "budget", promptTokens: 0, completionTokens: 0 })]);
  });

  it("tokens of earlier calls count: the budget runs out after some answers", async () => {
    // Each answer costs 500 tokens; a call needs its prompt estimate plus 200 output tokens free.
    fake.script(answer("jawaban", { promptTokens: 400, completionTokens: 100 }));
    const { llm } = client({ dailyUserTokens: 1_200, maxOutputTokens: 200 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await llm.complete({ purpose: "research", patronId: 4, messages: messages("x") }));
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["ok", "ok", "budget", "budget"]);
  });

  it("a request bigger than the per-request budget is not sent", async () => {
    const { llm } = client({ maxRequestTokens: 300, maxOutputTokens: 200 });
    expect(await llm.complete({ purpose: "research", patronId: 1, messages: messages("kata ".repeat(200)) })).toEqual({ ok: false, reason: "too_large" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("without a language model", () => {
  it("every call says 'disabled' at once and nothing is sent", async () => {
    const usage = memoryUsage();
    const llm: LlmClient = createLlmClient({ config: fakeLlmConfig(fake, { enabled: false }), usage, log: memoryLogger() });
    expect(llm.enabled).toBe(false);
    expect(await llm.complete({ purpose: "intent", patronId: 1, messages: messages("x") })).toEqual({ ok: false, reason: "disabled" });
    expect(fake.requests).toHaveLength(0);
    expect(usage.records).toHaveLength(0);
  });
});
