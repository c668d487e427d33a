// Composed FAQ answers with the optional language model (a fake OpenAI-compatible server on
// 127.0.0.1): used only when no entry matches on its own, built from the closest entries only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialogEngine, type DialogEngine } from "../../api/dialog/engine.js";
import type { Reply } from "../../api/dialog/reply.js";
import { createFaq } from "../../api/faq/create-faq.js";
import { createFaqComposer } from "../../api/faq/faq-composer.js";
import { createFaqFeature } from "../../api/faq/faq-feature.js";
import type { FaqService } from "../../api/faq/faq-types.js";
import { createLlmClient } from "../../api/llm/llm-client.js";
import { llmConfigFrom } from "../../api/llm/llm-config.js";
import { createUsageLog } from "../../api/llm/llm-usage.js";
import { loadPrompts } from "../../api/llm/prompts.js";
import { answer, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";

let lib: DialogLibrary;
let fake: FakeOpenAi;
let faq: FaqService;
let engine: DialogEngine;

beforeAll(async () => {
  [lib, fake] = await Promise.all([createDialogLibrary(), startFakeOpenAi()]);
  const staff = await lib.db.staff.create({ data: { email: "ani@perpus.example", name: "Ani", passwordHash: "x" } });
  faq = createFaq({ db: lib.db, search: lib.search, log: lib.log });
  await faq.ensureReady();
  await faq.create({ question: "Bagaimana cara menjadi anggota perpustakaan?", answer: "Bawa KTP ke meja layanan; kartu anggota gratis.", locale: "id" }, { id: staff.id, role: "librarian", name: "Ani" });
  const config = lib.config({ OPENAI_API_KEY: "sk-test-not-real", OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "gpt-test", LLM_TIMEOUT_MS: "1500" });
  const llm = createLlmClient({ config: llmConfigFrom(config), usage: createUsageLog({ db: lib.db, log: lib.log }), log: lib.log });
  const compose = createFaqComposer({ llm, prompts: loadPrompts() });
  engine = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config, log: lib.log, clock: testClock(), features: [createFaqFeature({ faq, log: lib.log, compose })] });
});
afterAll(async () => {
  await fake?.close();
  await lib?.close();
});

let seq = 0;
async function ask(text: string): Promise<Reply> {
  const userId = `llm${++seq}`;
  const replies = await engine.handle({ channel: "telegram", userId, messageId: `${userId}-1`, text, locale: "id" });
  return replies[replies.length - 1]!;
}

describe("composed FAQ answers", () => {
  it("answers a loosely similar question from the close entries only, as from the librarians", async () => {
    fake.requests.length = 0;
    fake.script(answer("Untuk mendaftar, bawa KTP ke meja layanan; kartunya gratis [F1]."));
    const reply = await ask("bagaimana cara daftar anggota?");
    expect(reply.text).toContain("Jawaban dari pustakawan kami");
    expect(reply.text).toContain("bawa KTP ke meja layanan; kartunya gratis.");
    expect(reply.text).not.toContain("F1");
    expect(reply.buttons?.[0]?.payload).toBe("librarian");
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain("Bawa KTP ke meja layanan; kartu anggota gratis.");
  });

  it("falls through to the usual answer when the model finds nothing in the entries", async () => {
    fake.script(answer("TIDAK_TAHU"));
    const reply = await ask("bagaimana cara daftar anggota?");
    expect(reply.text).not.toContain("Jawaban dari pustakawan");
  });

  it("does not ask the model when an entry matches on its own", async () => {
    fake.requests.length = 0;
    const reply = await ask("gimana caranya jadi anggota perpustakaan?");
    expect(reply.text).toContain("kartu anggota gratis");
    expect(fake.requests).toHaveLength(0);
  });
});
