import { GrammyError, HttpError } from "grammy";

/** What may be logged about a failed Bot API call: never the payload (it holds what users wrote). */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError) return { method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { kind: "http", message: err.message.replace(/bot\d+:[A-Za-z0-9_-]+/g, "bot[token]") };
  if (err instanceof Error) return { kind: err.name, message: err.message };
  return { kind: typeof err };
}

/** A Bot API error with this code whose description contains `text` (case-insensitive). */
export function isBotApiError(err: unknown, code: number, text = ""): err is GrammyError {
  return err instanceof GrammyError && err.error_code === code && err.description.toLowerCase().includes(text.toLowerCase());
}
