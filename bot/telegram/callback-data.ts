// Telegram limits callback_data to 64 bytes. Payloads that fit travel as they are; a longer one
// (or one that starts with the marker) travels as "#" + a hash, and the payload is kept here.
// The map lives in memory (bounded, least recently used dropped): after a restart such a button
// answers "expired" instead of doing the wrong thing. Engine payloads are short, so this is rare.
import crypto from "node:crypto";

export const CALLBACK_DATA_LIMIT = 64;
const MARKER = "#";

export type CallbackData = {
  /** The callback_data to put on a button for this payload. */
  encode(payload: string): string;
  /** The payload behind callback_data, or null when a hashed one is no longer known. */
  decode(data: string): string | null;
};

/** Maps payloads to callback data within the 64-byte limit; never truncates. */
export function createCallbackData(opts: { maxEntries?: number } = {}): CallbackData {
  const maxEntries = opts.maxEntries ?? 20_000;
  const long = new Map<string, string>();
  return {
    encode(payload) {
      if (!payload.startsWith(MARKER) && Buffer.byteLength(payload, "utf8") <= CALLBACK_DATA_LIMIT) return payload;
      const key = MARKER + crypto.createHash("sha256").update(payload).digest("base64url").slice(0, 32);
      long.delete(key);
      long.set(key, payload);
      if (long.size > maxEntries) long.delete(long.keys().next().value!);
      return key;
    },
    decode(data) {
      if (!data.startsWith(MARKER)) return data;
      const payload = long.get(data);
      if (payload === undefined) return null;
      // Refresh: a button that is still being pressed stays known.
      long.delete(data);
      long.set(data, payload);
      return payload;
    },
  };
}
