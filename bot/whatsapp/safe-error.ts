// Baileys and libsignal errors can carry JIDs or phone numbers in their message or data, and the
// logger does not look inside Error objects. Errors are logged (and reported to the outbox) as
// plain scrubbed summaries instead.
import { scrub } from "../../api/logger.js";
import { disconnectCode } from "./disconnect-reason.js";

export type SafeError = { type: string; message: string; code?: number };

/** A plain, scrubbed summary of an error: its type, message and status code, nothing else. */
export function safeError(err: unknown): SafeError {
  const type = err instanceof Error ? err.name : typeof err;
  const message = scrub(err instanceof Error ? err.message : String(err)).slice(0, 500);
  const code = disconnectCode(err);
  return code === undefined ? { type, message } : { type, message, code };
}
