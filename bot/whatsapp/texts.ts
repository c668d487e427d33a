// The few strings the WhatsApp adapter says itself (the "Balas 1, 2 atau 3" line under choices,
// and answers when the engine is not involved or not reachable), from prompts/whatsapp/<locale>.json
// so librarians can edit them like every other message.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, toLocale, type Locale } from "../../api/i18n/locale.js";
import { loadChannelTexts } from "../channel-texts.js";

export type WhatsAppLocale = Locale;

/** The shape of prompts/whatsapp/id.json; every locale file must have the same keys. */
export type WhatsAppTextCatalog = typeof import("../../prompts/whatsapp/id.json");

export type WhatsAppTexts = Record<WhatsAppLocale, WhatsAppTextCatalog>;

export const DEFAULT_WHATSAPP_TEXTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/whatsapp");

/** A locale we have for any tag ("en-GB", "id", undefined); Indonesian unless it is English. */
export function whatsappLocale(tag: string | null | undefined): WhatsAppLocale {
  return toLocale(tag) ?? DEFAULT_LOCALE;
}

/** Reads every locale file; fails naming the file when its keys differ from the Indonesian one. */
export function loadWhatsAppTexts(dir = DEFAULT_WHATSAPP_TEXTS_DIR): WhatsAppTexts {
  return loadChannelTexts<WhatsAppTextCatalog>(dir);
}
