// The research feature in the dialog engine: citations ("cite"), the citation style ("cstyle"),
// the reference list ("bib", "bibclear"), research guidance ("research") and, with a language
// model, routing of questions the rules cannot place ("ask").
//
// Payloads (all well under Telegram's 64 bytes): cite:<recordId>, citepick:<id>,<id>…, cstyle, cstyle:<style>,
// bib:add:<recordId>, bib:addtyped, bib:view, bib:rm, bib:rm:<entryId>, bib:clear,
// bib:export:txt|ris|bib, bibclear:yes|no.
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
import { asDocument, exportBibtex, exportRis } from "./bibliography-export.js";
import { BibliographyFullError, createBibliographyList } from "./bibliography-list.js";
import type { CitationFormatter } from "./citation-formatter.js";
import { CITATION_STYLE_KEYS, CITATION_STYLES, toCitationStyle, type CitationStyle } from "./citation-styles.js";
import type { CslItem } from "./csl-types.js";
import type { NameRules } from "./indonesian-names.js";
import { recordToCsl } from "./record-to-csl.js";
import type { ResearchGuide } from "./research-guidance.js";
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

const CONFIRM_MS = 10 * 60_000;
// How many references the list view shows before pointing to the export.
const LIST_SHOWN = 10;
// Words around a citation request that are not the title ("buatkan sitasi APA buku …").
const CITE_WORDS = new Set([
  "sitasi", "sitasinya", "kutipan", "mengutip", "citation", "citations", "cite", "referensi", "reference", "buatkan", "buatin", "bikin", "bikinin",
  "buat", "tolong", "minta", "gaya", "format", "style", "dengan", "pakai", "pake", "untuk", "buku", "bukunya", "novel", "dari", "the", "of", "for",
  "in", "please", "dong", "kak", "min", "ya", "make", "me", "a", "an", "edisi", "daftar", "pustaka", "bibliografi",
]);

/** What the research feature remembers between messages (in DialogState.ext.research). */
type ResearchMemory = { typed?: CslItem; lastRecordId?: number };

function memory(turn: Turn): ResearchMemory {
  const m = turn.state.ext.research;
  return m && typeof m === "object" ? (m as ResearchMemory) : {};
}

function remember(turn: Turn, patch: Partial<ResearchMemory>): void {
  turn.state.ext.research = { ...memory(turn), ...patch };
}

/** The title words of a citation request, and a style if one was named. */
export function readCiteRequest(text: string): { query: string; style: CitationStyle | null } {
  let style: CitationStyle | null = null;
  const words = text
    .replace(/[?!,;:"“”()]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .filter((w) => {
      // "APA", "MLA9", "IEEE" … name a style, as whole words only ("Harvard" in a title is rare).
      const key = w.toLowerCase().replace(/[^a-z0-9]/g, "");
      if (/^(apa|mla|chicago|ieee|harvard|vancouver)\d*$/.test(key)) {
        style = toCitationStyle(key);
        return false;
      }
      return !CITE_WORDS.has(w.toLowerCase());
    });
  return { query: words.join(" ").trim(), style };
}

/** "sitasi MLA: Judul; …" -> the style named and the typed metadata after the request words. */
export function leadingCiteWords(text: string): { rest: string; style: CitationStyle | null } {
  let rest = text.trimStart();
  let style: CitationStyle | null = null;
  for (;;) {
    const m = /^([^\s;:]+)\s*:?\s*/.exec(rest);
    if (!m) break;
    const word = m[1]!.toLowerCase();
    const key = word.replace(/[^a-z0-9]/g, "");
    if (/^(apa|mla|chicago|ieee|harvard|vancouver)\d*$/.test(key)) style = toCitationStyle(key);
    else if (!CITE_WORDS.has(word)) break;
    rest = rest.slice(m[0].length);
  }
  return { rest, style };
}

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

  async function addToList(turn: Turn, item: CslItem, recordId: number | null): Promise<Reply[]> {
    const title = plain(shorten(item.title, 60));
    try {
      const { added, count } = await list.add(turn.patron.id, item, recordId);
      return [
        {
          text: turn.t(added ? "research.list_added" : "research.list_already", { title, count }),
          buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)],
        },
      ];
    } catch (err) {
      if (err instanceof BibliographyFullError) return [{ text: turn.t("research.list_full", { max: err.max }), buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }] }];
      throw err;
    }
  }

  async function viewList(turn: Turn): Promise<Reply[]> {
    const entries = await list.list(turn.patron.id);
    if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
    const style = await styles.get(turn.patron.id);
    const refs = deps.formatter.bibliography(entries.map((e) => e.item), style, turn.locale);
    const lines = [turn.t("research.list_header", { count: entries.length, style: styleLabel(style) }), "", ...refs.slice(0, LIST_SHOWN).map((r) => r.markup)];
    if (refs.length > LIST_SHOWN) lines.push("", turn.t("research.list_more", { count: refs.length - LIST_SHOWN }));
    return [
      {
        text: lines.join("\n"),
        buttons: [
          { label: turn.t("research.button.export_text"), payload: payload("bib", "export:txt") },
          { label: turn.t("research.button.export_ris"), payload: payload("bib", "export:ris") },
          { label: turn.t("research.button.export_bibtex"), payload: payload("bib", "export:bib") },
          { label: turn.t("research.button.style"), payload: payload("cstyle") },
          { label: turn.t("research.button.bib_remove"), payload: payload("bib", "rm") },
          { label: turn.t("research.button.bib_clear"), payload: payload("bib", "clear") },
          menuButton(turn),
        ],
      },
    ];
  }

  async function exportList(turn: Turn, kind: string): Promise<Reply[]> {
    const entries = await list.list(turn.patron.id);
    if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
    const items = entries.map((e) => e.item);
    if (kind === "ris" || kind === "bib") {
      const file = kind === "ris" ? exportRis(items) : exportBibtex(items);
      return [{ text: turn.t("research.export_file", { format: kind === "ris" ? "RIS" : "BibTeX", count: items.length }), document: asDocument(file) }];
    }
    const style = await styles.get(turn.patron.id);
    const refs = deps.formatter.bibliography(items, style, turn.locale);
    // Plain text, no markup: it is meant to be copied into a document.
    return [{ text: [turn.t("research.export_text_header", { style: styleLabel(style) }), "", ...refs.map((r) => plain(r.text))].join("\n"), buttons: [menuButton(turn)] }];
  }

  registry.handle("bib", async (turn, intent) => {
    const [action = "view", arg] = (intent.arg ?? "view").split(":");
    switch (action) {
      case "add": {
        const recordId = Number(arg);
        const item = await recordItem(recordId);
        if (!item) return [{ text: turn.t("research.record_gone"), buttons: [menuButton(turn)] }];
        return addToList(turn, item, recordId);
      }
      case "addtyped": {
        const { typed } = memory(turn);
        if (!typed) return [{ text: turn.t("error.stale_button"), buttons: [menuButton(turn)] }];
        return addToList(turn, typed, null);
      }
      case "rm": {
        if (arg) {
          const entries = await list.list(turn.patron.id);
          const entry = entries.find((e) => e.id === Number(arg));
          if (!entry || !(await list.remove(turn.patron.id, entry.id))) return [{ text: turn.t("research.list_not_there"), buttons: [menuButton(turn)] }];
          return [
            {
              text: turn.t("research.list_removed", { title: plain(shorten(entry.title, 60)), count: entries.length - 1 }),
              buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)],
            },
          ];
        }
        const entries = await list.list(turn.patron.id);
        if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
        return [
          {
            text: turn.t("research.list_remove_pick"),
            buttons: [
              ...entries.slice(-8).map((e, i, shown) => ({
                label: turn.t("research.button.remove_item", { n: entries.length - shown.length + i + 1, title: shorten(e.title, 28) }),
                payload: payload("bib", `rm:${e.id}`),
              })),
              { label: turn.t("research.button.cancel"), payload: payload("bib", "view") },
            ],
          },
        ];
      }
      case "clear": {
        const count = await list.count(turn.patron.id);
        if (count === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
        turn.state.pending = { kind: "bibclear", expiresAt: new Date(turn.now.getTime() + CONFIRM_MS).toISOString() };
        return [
          {
            text: turn.t("research.clear_confirm", { count }),
            buttons: [{ label: turn.t("research.button.confirm_clear"), payload: payload("bibclear", "yes") }, { label: turn.t("research.button.cancel"), payload: payload("bibclear", "no") }],
          },
        ];
      }
      case "export":
        return exportList(turn, arg ?? "txt");
      default:
        return viewList(turn);
    }
  });

  registry.handle("bibclear", async (turn, intent) => {
    const pending = turn.state.pending;
    const confirmed = intent.arg === "yes" && pending?.kind === "bibclear" && new Date(pending.expiresAt) > turn.now;
    turn.state.pending = undefined;
    if (!confirmed) return [{ text: turn.t("research.clear_cancelled"), buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)] }];
    await list.clear(turn.patron.id);
    return [{ text: turn.t("research.cleared"), buttons: [menuButton(turn)] }];
  });

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

/**
 * A record's details get "📝 Sitasi" and "➕ Daftar pustaka" buttons, added after the engine's own
 * details handler so the engine needs no knowledge of this feature.
 */
export function addCitationButtons(turn: Turn, intent: Intent, replies: Reply[]): Reply[] {
  if (intent.name !== "details" || !intent.arg || !/^\d+$/.test(intent.arg) || replies.length !== 1) return replies;
  const [details] = replies;
  if (details!.text === turn.t("details.not_found")) return replies;
  const buttons = details!.buttons ?? [];
  const menuAt = buttons.findIndex((b) => b.payload === "menu");
  const extra: Button[] = [
    { label: turn.t("research.button.cite"), payload: payload("cite", intent.arg) },
    { label: turn.t("research.button.bib_add"), payload: payload("bib", `add:${intent.arg}`) },
  ];
  const next = menuAt < 0 ? [...buttons, ...extra] : [...buttons.slice(0, menuAt), ...extra, ...buttons.slice(menuAt)];
  return [{ ...details!, buttons: next }];
}

/**
 * Replies with "📖 n. Title" detail buttons (search results, research guidance) get one "📝 Sitasi"
 * button that lists those same books to cite: one button per book would crowd a phone screen.
 */
export function addCitePicker(turn: Turn, replies: Reply[]): Reply[] {
  return replies.map((reply) => {
    const buttons = reply.buttons ?? [];
    const ids = buttons.map((b) => /^details:(\d+)$/.exec(b.payload)?.[1]).filter((id): id is string => Boolean(id));
    if (ids.length === 0 || buttons.some((b) => b.payload.startsWith("cite") )) return reply;
    let arg = ids.join(",");
    while (Buffer.byteLength(`citepick:${arg}`) > 64) arg = arg.split(",").slice(0, -1).join(",");
    const picker: Button = { label: turn.t("research.button.cite_pick"), payload: payload("citepick", arg) };
    const menuAt = buttons.findIndex((b) => b.payload === "menu");
    return { ...reply, buttons: menuAt < 0 ? [...buttons, picker] : [...buttons.slice(0, menuAt), picker, ...buttons.slice(menuAt)] };
  });
}

/** /dataku also shows what this feature keeps: the reference list and the citation style. */
async function addStoredData(db: Db, turn: Turn, intent: Intent, replies: Reply[]): Promise<Reply[]> {
  if (intent.name !== "mydata" || replies.length === 0) return replies;
  const [count, row] = await Promise.all([
    db.bibliographyItem.count({ where: { patronId: turn.patron.id } }),
    db.patron.findUnique({ where: { id: turn.patron.id }, select: { citationStyle: true } }),
  ]);
  const style = toCitationStyle(row?.citationStyle);
  if (count === 0 && !style) return replies;
  const line = turn.t("research.mydata", { count, style: CITATION_STYLES[style ?? "apa"].label });
  const [first, ...rest] = replies;
  const lines = first!.text.split("\n");
  const at = lines.indexOf(turn.t("privacy.not_stored"));
  lines.splice(at < 0 ? lines.length : at, 0, line);
  return [{ ...first!, text: lines.join("\n") }, ...rest];
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
