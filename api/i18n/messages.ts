import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locale.js";

// The Indonesian file is the reference: its keys are the type every caller is checked against.
type IdCatalog = typeof import("../../prompts/messages/id.json");

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. "search.results_header". */
export type MessageKey = Leaves<IdCatalog>;

export type MessageParams = Record<string, string | number>;

/** Looks up a message for a locale and fills its {placeholders}. */
export type Translate = (locale: Locale, key: MessageKey, params?: MessageParams) => string;

export type I18n = {
  t: Translate;
  /** A translator bound to one locale. */
  forLocale(locale: Locale): (key: MessageKey, params?: MessageParams) => string;
  /** The flat catalog of one locale (for the web page's own strings). */
  catalog(locale: Locale): Readonly<Record<string, string>>;
};

/** A message file is broken or a key is missing; the message names the file and key. */
export class MessageCatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MessageCatalogError";
  }
}

export const DEFAULT_MESSAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/messages");

/** Flattens nested JSON into "a.b.c" keys; every leaf must be a string. */
export function flattenCatalog(value: unknown, file: string, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MessageCatalogError(`${file}: "${prefix || "(root)"}" must be an object of strings`);
  }
  for (const [key, v] of Object.entries(value)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof v === "string") out[full] = v;
    else flattenCatalog(v, file, full, out);
  }
  return out;
}

/** The {names} used in a message, sorted, so two locales can be compared. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** Reads prompts/messages/<locale>.json for every locale. */
export function loadCatalogs(dir: string = DEFAULT_MESSAGES_DIR): Record<Locale, Record<string, string>> {
  const out = {} as Record<Locale, Record<string, string>>;
  for (const locale of LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new MessageCatalogError(`${file}: ${(err as Error).message}`);
    }
    out[locale] = flattenCatalog(parsed, file);
  }
  return out;
}

function fill(message: string, params: MessageParams | undefined): string {
  if (!params) return message;
  return message.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Loads the catalogs once; a key missing in a locale falls back to Indonesian, then to the key itself. */
export function createI18n(opts: { dir?: string; catalogs?: Record<Locale, Record<string, string>> } = {}): I18n {
  const catalogs = opts.catalogs ?? loadCatalogs(opts.dir);
  const t: Translate = (locale, key, params) => fill(catalogs[locale]?.[key] ?? catalogs[DEFAULT_LOCALE][key] ?? key, params);
  return {
    t,
    forLocale: (locale) => (key, params) => t(locale, key, params),
    catalog: (locale) => catalogs[locale],
  };
}
