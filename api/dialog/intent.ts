import type { Locale } from "../i18n/locale.js";
import type { BranchRef } from "./branch-match.js";
import type { DayRef } from "./day-match.js";
import type { DialogState, SearchQuery } from "./dialog-state.js";

/**
 * What the user wants, from a button payload ("details:42") or from text. `name` selects the
 * handler in the registry; the other fields are filled by whichever rule or payload produced it.
 */
export type Intent = {
  name: string;
  /** From a payload "name:arg" or a command argument ("/start ref"). */
  arg?: string;
  search?: SearchQuery;
  day?: DayRef;
  branch?: string | null;
  locale?: Locale;
  /** How the intent was recognised (kept for logs and for handlers that care). */
  via: "payload" | "command" | "text" | "choice";
};

/** A text message as the rules see it. */
export type TextInput = {
  raw: string;
  /** Folded word tokens ("Ada buku LASKAR pelangi?" -> ["ada","buku","laskar","pelangi"]). */
  tokens: string[];
  /** "start" for "/start", "/start@TanyaBot ref" too; null when the text is not a command. */
  command: string | null;
  commandArg: string;
  branches: BranchRef[];
  state: DialogState;
};

/** Recognises one kind of message; the registry tries rules by descending priority. */
export type TextRule = { name: string; priority: number; match(input: TextInput): Intent | null };

/** Splits a button payload "name:arg" into an intent. */
export function intentFromPayload(payload: string): Intent {
  const i = payload.indexOf(":");
  return i < 0 ? { name: payload, via: "payload" } : { name: payload.slice(0, i), arg: payload.slice(i + 1), via: "payload" };
}

/** Builds a payload for a button; Telegram allows 64 bytes of callback data, so keep args short. */
export function payload(name: string, arg?: string | number): string {
  const p = arg === undefined ? name : `${name}:${arg}`;
  if (Buffer.byteLength(p) > 64) throw new RangeError(`button payload over 64 bytes: ${p.slice(0, 80)}`);
  return p;
}

/** Reads "/start", "/start@TanyaBot ref", "/hapusdata" -> { command, arg }. */
export function parseCommand(text: string): { command: string; arg: string } | null {
  const m = /^\s*\/([a-zA-Z0-9_]{1,32})(?:@[A-Za-z0-9_]{3,64})?(?:\s+([\s\S]*))?$/.exec(text);
  return m ? { command: m[1]!.toLowerCase(), arg: (m[2] ?? "").trim() } : null;
}
