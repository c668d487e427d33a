// WhatsApp addresses. A user has a phone JID (62812…@s.whatsapp.net) and, since 2025, a LID
// (opaque …@lid) that WhatsApp is moving every chat to. Baileys gives the other one as
// remoteJidAlt/participantAlt when it knows it. The engine's user id is the LID when there is one
// (it stays when a user changes number and is what WhatsApp addresses new chats with), else the
// phone JID; both are stored in WhatsAppContact so either finds the user.
import crypto from "node:crypto";
import { areJidsSameUser, isJidBroadcast, isJidGroup, isJidNewsletter, isJidStatusBroadcast, isLidUser, isPnUser, jidNormalizedUser } from "@whiskeysockets/baileys";

export type ChatKind = "user" | "group" | "status" | "broadcast" | "newsletter" | "other";

/** What kind of chat a remoteJid is. */
export function chatKind(jid: string): ChatKind {
  if (isJidStatusBroadcast(jid)) return "status";
  if (isJidGroup(jid)) return "group";
  if (isJidNewsletter(jid)) return "newsletter";
  if (isJidBroadcast(jid)) return "broadcast";
  if (isLidUser(jid) || isPnUser(jid)) return "user";
  return "other";
}

export type UserAddress = { userId: string; altJid?: string };

/** The engine user id (LID preferred) and the alternative address for a sender, without device suffixes. */
export function userAddress(jid: string, alt: string | undefined | null): UserAddress {
  const main = jidNormalizedUser(jid);
  const other = alt ? jidNormalizedUser(alt) : undefined;
  if (other && isLidUser(other) && !isLidUser(main)) return { userId: other, altJid: main };
  return other && other !== main ? { userId: main, altJid: other } : { userId: main };
}

/** The bot's own addresses, from sock.user (id is the phone JID with a device, lid the LID). */
export type SelfIdentity = { id: string; lid?: string };

/** Whether a JID (any device) is the bot itself. */
export function isSelf(jid: string | null | undefined, me: SelfIdentity | undefined): boolean {
  if (!jid || !me) return false;
  return areJidsSameUser(jid, me.id) || (me.lid !== undefined && areJidsSameUser(jid, me.lid));
}

/** A short stable tag for logs, so one chat can be followed without writing its JID or number. */
export function jidTag(jid: string): string {
  return "wa:" + crypto.createHash("sha256").update(jidNormalizedUser(jid) || jid).digest("hex").slice(0, 10);
}
