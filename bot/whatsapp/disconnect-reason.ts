// What to do when the WhatsApp connection closes, from the status code Baileys puts on
// lastDisconnect.error (a Boom). Transient problems reconnect with backoff; a session WhatsApp no
// longer accepts is cleared and a new pairing is asked for, instead of reconnecting forever.
import { DisconnectReason } from "@whiskeysockets/baileys";

export type DisconnectAction =
  /** Network trouble, server restart, timeouts: reconnect after a backoff delay. */
  | { kind: "reconnect"; code: number | undefined }
  /** WhatsApp asks for a fresh connection (normal right after pairing): reconnect at once. */
  | { kind: "restart"; code: number }
  /** Logged out from the phone, or the stored session is no longer valid: clear it and pair again. */
  | { kind: "new_pairing"; code: number }
  /** The QR code was not scanned in time: wait until someone asks for a new one. */
  | { kind: "pairing_expired"; code: number | undefined }
  /** Another process took over this session: stop, or the two would keep kicking each other out. */
  | { kind: "replaced"; code: number };

// 405, 409 and 412 are what WhatsApp answers a session it rejects at login (bad or conflicting
// device state); they are not in Baileys' enum but retrying them never succeeds.
const SESSION_INVALID = new Set<number>([DisconnectReason.loggedOut, 405, 409, 412, DisconnectReason.multideviceMismatch, DisconnectReason.forbidden]);

/** The HTTP-like status code of a disconnect error, if it carries one. */
export function disconnectCode(error: unknown): number | undefined {
  const e = error as { output?: { statusCode?: unknown }; data?: { statusCode?: unknown }; statusCode?: unknown } | null | undefined;
  const code = e?.output?.statusCode ?? e?.statusCode;
  return typeof code === "number" ? code : undefined;
}

/**
 * Classifies a close. `qrShown` says whether this connection showed a QR code: WhatsApp uses 408
 * both for "nobody scanned" and for a lost connection, and only the first should wait for a person.
 */
export function classifyDisconnect(error: unknown, qrShown: boolean): DisconnectAction {
  const code = disconnectCode(error);
  if (code !== undefined && SESSION_INVALID.has(code)) return { kind: "new_pairing", code };
  if (code === DisconnectReason.connectionReplaced) return { kind: "replaced", code };
  if (code === DisconnectReason.restartRequired) return { kind: "restart", code };
  if (qrShown && code === DisconnectReason.timedOut) return { kind: "pairing_expired", code };
  return { kind: "reconnect", code };
}

/** "logged out (401)", "connection lost (408)" … for the admin page and logs. */
export function describeDisconnect(error: unknown): string {
  const code = disconnectCode(error);
  const name = code === undefined ? undefined : (DisconnectReason as unknown as Record<number, string>)[code];
  const message = error instanceof Error ? error.message : undefined;
  const label = name ? name.replace(/([A-Z])/g, " $1").toLowerCase() : message || "connection closed";
  return code === undefined ? label : `${label} (${code})`;
}
