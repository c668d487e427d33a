// The few strings the Telegram adapter says itself (when the engine is not involved or not
// reachable) and the command menu, from prompts/telegram/<locale>.json so librarians can edit them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, LOCALES, toLocale, type Locale } from "../../api/i18n/locale.js";
import { loadChannelTexts } from "../channel-texts.js";

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

/** Reads every locale file; fails naming the file when its keys differ from the Indonesian one. */
export function loadTelegramTexts(dir = DEFAULT_TELEGRAM_TEXTS_DIR): TelegramTexts {
  return loadChannelTexts<TelegramTextCatalog>(dir);
}
