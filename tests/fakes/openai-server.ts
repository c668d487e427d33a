// A fake OpenAI-compatible server on 127.0.0.1 that speaks the real wire protocol of
// POST /v1/chat/completions: JSON answers, and server-sent events when `stream: true` (with a
// usage chunk when `stream_options.include_usage` is set), errors in OpenAI's error shape. The
// openai SDK points at it with `baseURL`, so the production code path is unchanged. Each test
// scripts what it answers (text, a delay longer than the client's timeout, an HTTP 500, a book it
// invents …) and reads the requests it recorded.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import type { LlmConfig } from "../../api/llm/llm-config.js";

export type FakeChatRequest = {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type: string };
  tools?: unknown[];
  [key: string]: unknown;
};

export type RecordedRequest = { method: string; path: string; authorization: string | undefined; body: FakeChatRequest };

/** What the fake does with one request. */
export type FakeAnswer =
  | { kind: "text"; content: string; promptTokens?: number; completionTokens?: number; delayMs?: number }
  | { kind: "status"; status: number; message?: string }
  /** Accepts the request and never answers (until close). */
  | { kind: "hang" };

export type Script = FakeAnswer | ((req: FakeChatRequest, index: number) => FakeAnswer);

export type FakeOpenAi = {
  /** What the SDK's `baseURL` takes: "http://127.0.0.1:<port>/v1". */
  baseURL: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; the last one repeats. */
  script(...answers: Script[]): void;
  close(): Promise<void>;
};

/** A plain answer with the given text. */
export const answer = (content: string, extra: Partial<Extract<FakeAnswer, { kind: "text" }>> = {}): FakeAnswer => ({ kind: "text", content, ...extra });

function openAiError(res: http.ServerResponse, status: number, message: string, type = "server_error"): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** The LLM wrapper's settings pointed at `fake` (model "gpt-test", no streaming), with `extra` on top. */
export function fakeLlmConfig(fake: Pick<FakeOpenAi, "baseURL">, extra: Partial<LlmConfig> = {}): LlmConfig {
  return {
    enabled: true,
    apiKey: "sk-test-not-real",
    baseUrl: fake.baseURL,
    model: "gpt-test",
    timeoutMs: 2000,
    maxOutputTokens: 300,
    maxRequestTokens: 4000,
    dailyUserTokens: 20000,
    stream: false,
    ...extra,
  };
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeOpenAi(opts: { model?: string } = {}): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  let scripts: Script[] = [answer("ok")];
  let served = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/chat/completions") {
        openAiError(res, 404, `Unknown request URL: ${req.method} ${req.url}`, "invalid_request_error");
        return;
      }
      let body: FakeChatRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeChatRequest;
      } catch {
        openAiError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
        return;
      }
      if (typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
        openAiError(res, 400, "you must provide a model parameter and a non-empty messages array", "invalid_request_error");
        return;
      }
      const index = served++;
      requests.push({ method: req.method, path: req.url, authorization: req.headers.authorization, body });
      const script = scripts[Math.min(index, scripts.length - 1)]!;
      const plan = typeof script === "function" ? script(body, index) : script;
      if (plan.kind === "hang") return;
      if (plan.kind === "status") {
        openAiError(res, plan.status, plan.message ?? "The server had an error while processing your request.");
        return;
      }
      const respond = () => {
        const promptTokens = plan.promptTokens ?? roughTokens(body.messages.map((m) => m.content).join("\n"));
        const completionTokens = plan.completionTokens ?? roughTokens(plan.content);
        const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
        const id = `chatcmpl-fake${index}`;
        const created = Math.floor(Date.now() / 1000);
        const model = opts.model ?? body.model;
        if (!body.stream) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              id,
              object: "chat.completion",
              created,
              model,
              choices: [{ index: 0, message: { role: "assistant", content: plan.content, refusal: null }, logprobs: null, finish_reason: "stop" }],
              usage,
            }),
          );
          return;
        }
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
        const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
        const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
          id,
          object: "chat.completion.chunk",
          created,
          model,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          ...(body.stream_options?.include_usage ? { usage: null } : {}),
        });
        send(chunk({ role: "assistant", content: "" }, null));
        // Several small pieces, split inside words, as real servers do.
        for (let i = 0; i < plan.content.length; i += 7) send(chunk({ content: plan.content.slice(i, i + 7) }, null));
        send(chunk({}, "stop"));
        if (body.stream_options?.include_usage) send({ id, object: "chat.completion.chunk", created, model, choices: [], usage });
        res.end("data: [DONE]\n\n");
      };
      if (plan.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) respond();
        }, plan.delayMs);
        timers.add(t);
      } else respond();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...answers) {
      scripts = answers.length > 0 ? answers : [answer("ok")];
      served = 0;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
