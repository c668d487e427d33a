// Builds the FAQ service with its search index from the app's parts (db, Meilisearch, vocabulary).
import type { Db } from "../db/prisma.js";
import { createAuditLog } from "../inbox/audit-log.js";
import type { Logger } from "../logger.js";
import { createFaqIndex } from "../../search/faq-index.js";
import { compileFaqMatching, loadFaqVocabulary, type FaqMatching } from "../../search/faq-vocabulary.js";
import { compileLexicon, type Lexicon } from "../../search/lexicon.js";
import type { SearchBackend } from "../../search/search-client.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { createFaqService } from "./faq-service.js";
import type { FaqService } from "./faq-types.js";

export type FaqDeps = {
  db: Db;
  search: SearchBackend;
  log: Logger;
  /** The catalogue's compiled vocabulary when the caller has it; compiled on first use otherwise. */
  lexicon?: Lexicon;
  threshold?: number;
};

/** The FAQ service over PostgreSQL, the `<prefix>faq` Meilisearch index and the audit log. */
export function createFaq(deps: FaqDeps): FaqService {
  let lexicon = deps.lexicon;
  // Compiling the vocabulary takes a fifth of a second; many apps (tests) never touch the FAQ.
  const getLexicon = (): Lexicon => (lexicon ??= compileLexicon(loadVocabulary()));
  // Read now, so a broken faq.json stops the start; compiled with the lexicon on first use.
  const faqVocabulary = loadFaqVocabulary();
  let matching: FaqMatching | undefined;
  const getMatching = (): FaqMatching => (matching ??= compileFaqMatching(getLexicon(), faqVocabulary));
  return createFaqService({
    db: deps.db,
    index: createFaqIndex({ db: deps.db, search: deps.search, log: deps.log, matching: getMatching }),
    audit: createAuditLog(deps.db),
    log: deps.log,
    contentWords: (text) => getMatching().contentWords(text),
    threshold: deps.threshold,
  });
}
