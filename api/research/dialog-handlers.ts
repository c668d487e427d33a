// The research feature in the dialog engine: citations ("cite"), the citation style ("cstyle"),
// the reference list ("bib", "bibclear"), research guidance ("research") and, with a language
// model, routing of questions the rules cannot place ("ask").
//
// Payloads (all well under Telegram's 64 bytes): cite:<recordId>, citepick:<id>,<id>…, cstyle,
// cstyle:<style>; the reference list's are in bibliography-handlers.ts.
import type { Db } from "../db/prisma.js";
import type { DialogFeature } from "../dialog/engine.js";
import type { IntentRegistry } from "../dialog/intent-registry.js";
import { parseCommand, payload, type Intent } from "../dialog/intent.js";
import { plain, shorten } from "../dialog/markup.js";
import { parseSearch } from "../dialog/parse-search.js";
import type { CataloguePort } from "../dialog/ports.js";
import type { Button, Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import type { Logger } from "../logger.js";
import { composeGuidance } from "../llm/compose-guidance.js";
import type { LlmClient } from "../llm/llm-client.js";
import { shouldOfferLibrarian } from "../llm/offer-librarian.js";
import type { Prompts } from "../llm/prompts.js";
import { understandIntent } from "../llm/understand-intent.js";
import { registerBibliographyHandlers } from "./bibliography-handlers.js";
import { createBibliographyList } from "./bibliography-list.js";
import { leadingCiteWords, readCiteRequest } from "./cite-request.js";
import type { CitationFormatter } from "./citation-formatter.js";
import { CITATION_STYLE_KEYS, CITATION_STYLES, toCitationStyle, type CitationStyle } from "./citation-styles.js";
import type { CslItem } from "./csl-types.js";
import type { NameRules } from "./indonesian-names.js";
import { recordToCsl } from "./record-to-csl.js";
import { addCitationButtons, addCitePicker, addStoredData } from "./reply-decorations.js";
import type { ResearchGuide } from "./research-guidance.js";
import { memory, remember } from "./research-memory.js";
import { guidanceReply, menuButton } from "./research-replies.js";
import { researchTextRules } from "./research-rules.js";
import { createStylePreferences } from "./style-preference.js";
import { looksLikeTypedMetadata, parseTypedMetadata, TypedMetadataError } from "./typed-metadata.js";

export type ResearchHandlerDeps = {
  db: Db;
  catalogue: CataloguePort;
  formatter: CitationFormatter;
  nameRules: NameRules;
  guide: ResearchGuide;
  llm: LlmClient;
  prompts: Prompts;
  log: Logger;
};

/** Registers the research handlers and rules; replaces the engine's "coming soon" citation entry. */
export function registerResearchHandlers(registry: IntentRegistry, deps: ResearchHandlerDeps): void {
  const list = createBibliographyList(deps.db);
  const styles = createStylePreferences(deps.db);

  for (const rule of researchTextRules({ llmEnabled: deps.llm.enabled })) registry.rule(rule);
  registry.command(["daftarpustaka", "bibliografi", "bibliography", "references"], () => ({ name: "bib", arg: "view" }));
  registry.command(["gayasitasi", "citationstyle", "style"], (arg) => ({ name: "cstyle", arg: toCitationStyle(arg) ?? undefined }));
  registry.command(["literatur", "riset", "research"], (arg) => ({ name: "research", arg }));

  const styleLabel = (style: CitationStyle) => CITATION_STYLES[style].label;

  function citeReply(turn: Turn, item: CslItem, style: CitationStyle, source: { recordId?: number; others?: Array<{ id: number; title: string }> }): Reply {
    const [reference] = deps.formatter.bibliography([item], style, turn.locale);
    const inText = deps.formatter.inText(item, style, turn.locale);
    const lines = [turn.t("research.cite_result", { style: styleLabel(style), reference: reference!.markup }), "", turn.t("research.cite_in_text", { citation: inText.markup })];
    const buttons: Button[] = [
      { label: turn.t("research.button.bib_add"), payload: source.recordId ? payload("bib", `add:${source.recordId}`) : payload("bib", "addtyped") },
      { label: turn.t("research.button.style"), payload: payload("cstyle") },
    ];
    if (source.others && source.others.length > 0) {
      lines.push("", turn.t("research.cite_other_hits"));
      for (const o of source.others) buttons.push({ label: turn.t("research.button.cite_record", { title: shorten(o.title, 30) }), payload: payload("cite", o.id) });
    }
    buttons.push({ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn));
    remember(turn, source.recordId ? { lastRecordId: source.recordId, typed: undefined } : { typed: item, lastRecordId: undefined });
    return { text: lines.join("\n"), buttons };
  }

  async function recordItem(recordId: number): Promise<CslItem | null> {
    const record = Number.isInteger(recordId) && recordId > 0 ? await deps.catalogue.record(recordId) : null;
    return record ? recordToCsl(record, deps.nameRules) : null;
  }

  async function citeRecord(turn: Turn, recordId: number, others?: Array<{ id: number; title: string }>): Promise<Reply[]> {
    const item = await recordItem(recordId);
    if (!item) return [{ text: turn.t("research.record_gone"), buttons: [menuButton(turn)] }];
    return [citeReply(turn, item, await styles.get(turn.patron.id), { recordId, others })];
  }

  function typedProblem(turn: Turn, err: TypedMetadataError): Reply[] {
    const year = err.problems.find((p) => p.field === "year");
    const text = year ? turn.t("research.typed_bad_year", { value: plain(shorten(year.value ?? "", 20)) }) : turn.t("research.typed_missing_title");
    return [{ text, buttons: [menuButton(turn)] }];
  }

  registry.handle("cite", async (turn, intent) => {
    if (intent.via === "payload" || intent.via === "choice") {
      if (intent.arg && /^\d+$/.test(intent.arg)) return citeRecord(turn, Number(intent.arg));
    }
    const raw = (turn.msg.text ?? "").trim();
    const text = parseCommand(raw)?.arg ?? raw;
    if (looksLikeTypedMetadata(text)) {
      const lead = leadingCiteWords(text);
      if (lead.style) await styles.set(turn.patron.id, lead.style);
      try {
        const item = parseTypedMetadata(lead.rest, deps.nameRules, { locale: turn.locale, now: turn.now });
        return [citeReply(turn, item, lead.style ?? (await styles.get(turn.patron.id)), {})];
      } catch (err) {
        if (err instanceof TypedMetadataError) return typedProblem(turn, err);
        throw err;
      }
    }
    const request = readCiteRequest(text);
    // Naming a style in a request ("sitasi MLA …") is choosing it.
    if (request.style) await styles.set(turn.patron.id, request.style);
    const style = request.style ?? (await styles.get(turn.patron.id));
    if (!request.query) {
      return [
        {
          text: turn.t("research.cite_intro", { style: styleLabel(style) }),
          buttons: [{ label: turn.t("research.button.style"), payload: payload("cstyle") }, { label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)],
        },
      ];
    }
    const found = await deps.catalogue.search({ q: shorten(request.query, 200), page: 1, limit: 3, channel: turn.msg.channel });
    if (found.hits.length === 0) return [{ text: turn.t("research.cite_not_found", { query: plain(shorten(request.query, 60)) }), buttons: [menuButton(turn)] }];
    const [first, ...others] = found.hits;
    return citeRecord(turn, first!.id, others.map((h) => ({ id: h.id, title: h.title })));
  });

  registry.handle("citepick", async (turn, intent) => {
    const ids = (intent.arg ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 6);
    if (ids.length === 1) return citeRecord(turn, ids[0]!);
    const records = (await Promise.all(ids.map((id) => deps.catalogue.record(id)))).filter((r) => r !== null);
    if (records.length === 0) return [{ text: turn.t("research.record_gone"), buttons: [menuButton(turn)] }];
    return [
      {
        text: turn.t("research.cite_pick"),
        buttons: [...records.map((r) => ({ label: turn.t("research.button.cite_record", { title: shorten(r.title, 30) }), payload: payload("cite", r.id) })), menuButton(turn)],
      },
    ];
  });

  registry.handle("cstyle", async (turn, intent) => {
    const chosen = toCitationStyle(intent.arg);
    if (!chosen) {
      const current = await styles.get(turn.patron.id);
      return [
        {
          text: turn.t("research.style_pick", { style: styleLabel(current) }),
          buttons: [...CITATION_STYLE_KEYS.map((s) => ({ label: `${s === current ? "✓ " : ""}${styleLabel(s)}`, payload: payload("cstyle", s) })), menuButton(turn)],
        },
      ];
    }
    await styles.set(turn.patron.id, chosen);
    const { lastRecordId, typed } = memory(turn);
    // Changing the style right after a citation shows that citation again in the new style.
    if (lastRecordId) return citeRecord(turn, lastRecordId);
    if (typed) return [citeReply(turn, typed, chosen, {})];
    return [{ text: turn.t("research.style_set", { style: styleLabel(chosen) }), buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)] }];
  });


  registerBibliographyHandlers(registry, { list, styles, formatter: deps.formatter, recordItem });

  async function research(turn: Turn, text: string): Promise<Reply[]> {
    const guidance = await deps.guide.guide(text, { channel: turn.msg.channel });
    if (!guidance.topic) return [{ text: turn.t("research.guide_ask_topic"), buttons: [menuButton(turn)] }];
    const advice = await composeGuidance(deps, {
      userText: text,
      topic: guidance.topic,
      keywords: [...guidance.terms.indonesian, ...guidance.terms.english],
      records: guidance.records.map((r, i) => ({ ref: `R${i + 1}`, id: r.id, title: r.title, subtitle: r.subtitle, authors: r.authors, year: r.year, available: r.availability.some((a) => a.available > 0) })),
      locale: turn.locale,
      patronId: turn.patron.id,
    });
    turn.state.misses = guidance.records.length > 0 ? 0 : turn.state.misses + 1;
    return [guidanceReply(turn, guidance, advice)];
  }

  registry.handle("research", async (turn, intent) => {
    const raw = intent.arg ?? turn.msg.text ?? "";
    return research(turn, parseCommand(raw)?.arg ?? raw);
  });

  const ROUTED = new Set(["hours", "info", "lessons", "librarian", "help"]);

  registry.handle("ask", async (turn, intent: Intent) => {
    const text = intent.arg ?? turn.msg.text ?? "";
    const search = registry.handler("search")!;
    const routed = await understandIntent(deps, { text, locale: turn.locale, patronId: turn.patron.id });
    if (routed?.intent === "research") return research(turn, routed.query || text);
    if (routed?.intent === "cite") return registry.handler("cite")!(turn, { name: "cite", via: "text" });
    if (routed && ROUTED.has(routed.intent)) {
      const handler = registry.handler(routed.intent);
      if (handler) return handler(turn, { name: routed.intent, via: "text" });
    }
    // A search, "other", or no model answer: the engine's own catalogue search, as without a model.
    const query = routed?.intent === "search" && routed.query ? routed.query : text;
    const replies = await search(turn, { name: "search", search: parseSearch(query, turn.branches), via: "text" });
    if (routed?.intent === "other" && (await shouldOfferLibrarian(deps, { text, misses: turn.state.misses, locale: turn.locale, patronId: turn.patron.id }))) {
      const last = replies[replies.length - 1];
      if (last && !(last.buttons ?? []).some((b) => b.payload === "librarian")) {
        last.buttons = [{ label: turn.t("button.ask_librarian"), payload: payload("librarian") }, ...(last.buttons ?? [])];
      }
    }
    return replies;
  });
}

/** The research feature for the dialog engine (createDialogEngine's `features`). */
export function createResearchFeature(deps: ResearchHandlerDeps): DialogFeature {
  return {
    replaces: ["cite"],
    register: (registry) => registerResearchHandlers(registry, deps),
    describe: (turn) => turn.t("research.can_do"),
    afterTurn: async (turn, intent, replies) => addStoredData(deps.db, turn, intent, addCitePicker(turn, addCitationButtons(turn, intent, replies))),
  };
}
