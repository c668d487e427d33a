// The few strings the Telegram adapter says itself (when the engine is not involved or not
// reachable) and the command menu, from prompts/telegram/<locale>.json so librarians can edit them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, LOCALES, toLocale, type Locale } from "../../api/i18n/locale.js";

export const TELEGRAM_LOCALES = LOCALES;
export type TelegramLocale = Locale;

/** The shape of prompts/telegram/id.json; every locale file must have the same keys. */
export type TelegramTextCatalog = typeof import("../../prompts/telegram/id.json");

export type TelegramTexts = Record<TelegramLocale, TelegramTextCatalog>;

export const DEFAULT_TELEGRAM_TEXTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/telegram");

/** Narrows a Telegram language_code ("en-GB", "id") to a locale we have; Indonesian otherwise. */
export function telegramLocale(tag: string | undefined): TelegramLocale {
  return toLocale(tag) ?? DEFAULT_LOCALE;
}

/** Every leaf key ("inline.available") of a nested catalog. */
export function catalogKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => catalogKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** Reads every locale file; fails naming the file when one lacks a key the Indonesian one has. */
export function loadTelegramTexts(dir = DEFAULT_TELEGRAM_TEXTS_DIR): TelegramTexts {
  const out = {} as TelegramTexts;
  for (const locale of TELEGRAM_LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    out[locale] = JSON.parse(fs.readFileSync(file, "utf8")) as TelegramTextCatalog;
  }
  const reference = new Set(catalogKeys(out.id));
  for (const locale of TELEGRAM_LOCALES) {
    const keys = new Set(catalogKeys(out[locale]));
    const missing = [...reference].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !reference.has(k));
    if (missing.length || extra.length) {
      throw new Error(`${path.join(dir, `${locale}.json`)}: ${missing.length ? `missing ${missing.join(", ")}` : ""}${extra.length ? ` unknown ${extra.join(", ")}` : ""}`.trim());
    }
  }
  return out;
}

/** Fills {name} placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
