// Formats CSL items with citation-js and the real CSL styles and locales from csl-data.ts.
//
// citation-js keeps its styles, locales and citeproc engines in module-level registers; that is
// its design, not ours. This module is the only place that writes to them, once, idempotently,
// before the first format call, and always under our own style names.
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-csl";
import type { CslSource } from "./csl-data.js";
import type { CslItem } from "./csl-types.js";
import { CITATION_STYLE_KEYS, CITATION_STYLES, registeredName, type CitationStyle } from "./citation-styles.js";

export type CitationLocale = "id" | "en";

/** One formatted reference: plain text (exports, logs) and reply markup with italic titles. */
export type FormattedEntry = { id: string; text: string; markup: string };

export type CitationFormatter = {
  /** Reference list entries in the style's own order (alphabetical, or numbered by first citation). */
  bibliography(items: CslItem[], style: CitationStyle, locale: CitationLocale): FormattedEntry[];
  /** The in-text citation for one item, e.g. "(Sukarno, 2015, hlm. 12)". */
  inText(item: CslItem, style: CitationStyle, locale: CitationLocale, page?: string): FormattedEntry;
  /** The CSL locale tag used for a style and chat locale ("id-ID", "en-US", "en-GB"). */
  cslLocale(style: CitationStyle, locale: CitationLocale): string;
};

/** A style or locale is not registered; never expected after createCitationFormatter. */
export class CitationFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CitationFormatError";
  }
}

// Locales citation-js 0.8 bundles; everything else comes from the CSL locales repository.
const BUNDLED_LOCALES = new Set(["en-US", "es-ES", "de-DE", "fr-FR", "nl-NL"]);

/** Registers the six styles and the id-ID and en-GB locales with citation-js (idempotent). */
export function registerCslData(source: CslSource): void {
  const csl = plugins.config.get("@csl");
  for (const key of CITATION_STYLE_KEYS) {
    const name = registeredName(key);
    if (!csl.styles.has(name)) csl.styles.add(name, source.style(CITATION_STYLES[key].cslId));
  }
  for (const tag of ["id-ID", "en-GB"]) {
    if (!BUNDLED_LOCALES.has(tag) && !csl.locales.has(tag)) csl.locales.add(tag, source.locale(tag));
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/**
 * Keeps a text piece from becoming reply markup: "*" and "_" become look-alikes (as the engine's
 * plain() does), but square brackets stay, because IEEE numbers references "[1]"; only the "]("
 * that would start a link is broken up.
 */
export function markupSafe(text: string): string {
  return text.replace(/\*/g, "\u2217").replace(/_/g, "\u02cd").replace(/\]\(/g, "] (");
}

/**
 * citeproc's HTML for one entry to plain text and to reply markup. Only italics and bold carry
 * meaning in a reference (titles); everything else is layout. Text pieces go through markupSafe() so
 * a "*" or "_" in a title cannot become markup.
 */
export function htmlToEntry(id: string, html: string): FormattedEntry {
  // IEEE and Vancouver put the number in its own block: "[1]" + " " + the reference.
  const flat = html.replace(/<\/div>\s*<div class="csl-right-inline">/g, " ").replace(/\s*\n\s*/g, "");
  let text = "";
  let markup = "";
  for (const token of flat.split(/(<[^>]+>)/)) {
    if (!token) continue;
    const tag = /^<(\/?)([a-z]+)/i.exec(token);
    if (tag) {
      const name = tag[2]!.toLowerCase();
      if (name === "i" || name === "em") markup += "_";
      else if (name === "b" || name === "strong") markup += "*";
      continue;
    }
    const decoded = decodeEntities(token);
    text += decoded;
    markup += markupSafe(decoded);
  }
  const tidy = (s: string) => s.replace(/[ \u00a0]+/g, " ").replace(/_\s*_/g, "").trim();
  return { id, text: tidy(text), markup: tidy(markup) };
}

/** Creates the formatter; registers the CSL data first so a missing style fails at start, not mid-chat. */
export function createCitationFormatter(source: CslSource): CitationFormatter {
  registerCslData(source);

  const cslLocale = (style: CitationStyle, locale: CitationLocale) => (locale === "id" ? "id-ID" : CITATION_STYLES[style].englishLocale);

  function check(style: CitationStyle, lang: string): string {
    const csl = plugins.config.get("@csl");
    const name = registeredName(style);
    if (!csl.styles.has(name)) throw new CitationFormatError(`citation style ${name} is not registered`);
    // citation-js would silently fall back to English for a locale it does not have.
    if (!BUNDLED_LOCALES.has(lang) && !csl.locales.has(lang)) throw new CitationFormatError(`CSL locale ${lang} is not registered`);
    return name;
  }

  return {
    cslLocale,
    bibliography(items, style, locale) {
      if (items.length === 0) return [];
      const lang = cslLocale(style, locale);
      const template = check(style, lang);
      const entries = new Cite(items).format("bibliography", { format: "html", template, lang, asEntryArray: true }) as Array<[string, string]>;
      return entries.map(([id, html]) => htmlToEntry(id, html));
    },
    inText(item, style, locale, page) {
      const lang = cslLocale(style, locale);
      const template = check(style, lang);
      const entry = page ? { id: item.id, locator: page, label: "page" } : item.id;
      const html = new Cite([item]).format("citation", { format: "html", template, lang, entry }) as string;
      return htmlToEntry(item.id, html);
    },
  };
}
