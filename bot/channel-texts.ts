// The strings a channel adapter says itself live in prompts/<channel>/<locale>.json (one file per
// locale, nested objects), so librarians edit them like every other message. This reads such a
// folder and checks that every locale has exactly the keys of the Indonesian file.
import fs from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "../api/i18n/locale.js";

/** Every leaf key ("inline.available") of a nested catalog. */
export function catalogKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => catalogKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** Reads every locale file of `dir`; fails naming the file when its keys differ from the Indonesian one. */
export function loadChannelTexts<Catalog>(dir: string): Record<Locale, Catalog> {
  const out = {} as Record<Locale, Catalog>;
  for (const locale of LOCALES) {
    out[locale] = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), "utf8")) as Catalog;
  }
  const reference = new Set(catalogKeys(out.id));
  for (const locale of LOCALES) {
    const keys = new Set(catalogKeys(out[locale]));
    const missing = [...reference].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !reference.has(k));
    if (missing.length || extra.length) {
      const parts = [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `unknown ${extra.join(", ")}` : ""].filter(Boolean);
      throw new Error(`${path.join(dir, `${locale}.json`)}: ${parts.join("; ")}`);
    }
  }
  return out;
}

/** Fills {name} placeholders. */
export function fillText(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
