import crypto from "node:crypto";
import { inject } from "vitest";
import { createSearchBackend, type SearchBackend } from "../../search/search-client.js";

/** The shared test Meilisearch with an index prefix of this file's own; cleanup() deletes its indexes. */
export function createTestSearch(opts: { timeoutMs?: number } = {}): SearchBackend & { cleanup(): Promise<void> } {
  const prefix = `t${crypto.randomBytes(4).toString("hex")}_`;
  const backend = createSearchBackend({ url: inject("meiliUrl"), apiKey: inject("meiliKey"), indexPrefix: prefix, timeoutMs: opts.timeoutMs ?? 5000 });
  return {
    ...backend,
    async cleanup() {
      const { results } = await backend.client!.getIndexes({ limit: 1000 });
      for (const idx of results.filter((i) => i.uid.startsWith(prefix))) {
        await backend.client!.deleteIndex(idx.uid).waitTask();
      }
    },
  };
}
