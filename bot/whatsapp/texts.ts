// The few strings the WhatsApp adapter says itself (the "Balas 1, 2 atau 3" line under choices,
// and answers when the engine is not involved or not reachable), from prompts/whatsapp/<locale>.json
// so librarians can edit them like every other message.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WHATSAPP_LOCALES = ["id", "en"] as const;
export type WhatsAppLocale = (typeof WHATSAPP_LOCALES)[number];

/** The shape of prompts/whatsapp/id.json; every locale file must have the same keys. */
export type WhatsAppTextCatalog = typeof import("../../prompts/whatsapp/id.json");

export type WhatsAppTexts = Record<WhatsAppLocale, WhatsAppTextCatalog>;

export const DEFAULT_WHATSAPP_TEXTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/whatsapp");

/** A locale we have for any tag ("en-GB", "id", undefined); Indonesian unless it is English. */
export function whatsappLocale(tag: string | null | undefined): WhatsAppLocale {
  return (tag ?? "").toLowerCase().split(/[-_]/)[0] === "en" ? "en" : "id";
}

function leafKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** Reads every locale file; fails naming the file when its keys differ from the Indonesian one. */
export function loadWhatsAppTexts(dir = DEFAULT_WHATSAPP_TEXTS_DIR): WhatsAppTexts {
  const out = {} as WhatsAppTexts;
  for (const locale of WHATSAPP_LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    out[locale] = JSON.parse(fs.readFileSync(file, "utf8")) as WhatsAppTextCatalog;
  }
  const reference = new Set(leafKeys(out.id));
  for (const locale of WHATSAPP_LOCALES) {
    const keys = new Set(leafKeys(out[locale]));
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
