// Builds the research feature from the configuration: CSL data and formatter, name rules and topic
// terms from the search vocabulary, subject facets from Meilisearch, and the optional LLM.
import type { Config } from "../config.js";
import type { Db } from "../db/prisma.js";
import type { DialogFeature } from "../dialog/engine.js";
import type { CataloguePort } from "../dialog/ports.js";
import type { Logger } from "../logger.js";
import { createLlmClient, type LlmClient } from "../llm/llm-client.js";
import { llmConfigFrom } from "../llm/llm-config.js";
import { createUsageLog } from "../llm/llm-usage.js";
import { loadPrompts } from "../llm/prompts.js";
import { compileLexicon, type Lexicon } from "../../search/lexicon.js";
import type { SearchBackend } from "../../search/search-client.js";
import { loadVocabulary, type Vocabulary } from "../../search/vocabulary.js";
import { createCitationFormatter } from "./citation-formatter.js";
import { citeprocPlusSource } from "./csl-data.js";
import { createResearchFeature } from "./dialog-handlers.js";
import { createNameRules } from "./indonesian-names.js";
import { createResearchGuide } from "./research-guidance.js";
import { createSubjectFacets } from "./subject-facets.js";
import { createTopicTerms } from "./topic-terms.js";

export type ResearchFeatureDeps = {
  db: Db;
  catalogue: CataloguePort;
  search: SearchBackend;
  config: Config;
  log: Logger;
  /** Defaults to the files in search/vocabulary. */
  vocabulary?: Vocabulary;
  /** Tests pass a client pointed at the fake OpenAI server. */
  llm?: LlmClient;
};

/** Everything the research feature needs, made once at start; a missing CSL style or prompt fails here. */
export function createResearchFeatureFromConfig(deps: ResearchFeatureDeps): DialogFeature & { llm: LlmClient } {
  const vocabulary = deps.vocabulary ?? loadVocabulary();
  // Compiling the lexicon takes a fifth of a second; only research requests need it, so the first one pays.
  let lexicon: Lexicon | undefined;
  const getLexicon = () => (lexicon ??= compileLexicon(vocabulary));
  const llm = deps.llm ?? createLlmClient({ config: llmConfigFrom(deps.config), usage: createUsageLog({ db: deps.db, log: deps.log }), log: deps.log });
  if (llm.enabled) deps.log.info({ model: llm.config.model, baseUrl: llm.config.baseUrl ?? "api.openai.com" }, "language model on: answers are composed with it and checked against the catalogue");
  const feature = createResearchFeature({
    db: deps.db,
    catalogue: deps.catalogue,
    formatter: createCitationFormatter(citeprocPlusSource()),
    nameRules: createNameRules(vocabulary.authors),
    guide: createResearchGuide({
      catalogue: deps.catalogue,
      topics: createTopicTerms(vocabulary),
      subjectFacets: createSubjectFacets({
        search: deps.search,
        index: { uid: `${deps.search.indexPrefix}catalogue`, lexicon: getLexicon },
        log: deps.log,
      }),
    }),
    llm,
    prompts: loadPrompts(),
    log: deps.log,
  });
  return { ...feature, llm };
}
