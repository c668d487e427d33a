// Linking a librarian's Telegram account to their staff account, so a reply in the Telegram staff
// group can be trusted as that librarian's answer. The dashboard makes a short one-time code (valid
// 15 minutes); the librarian sends "/tautkan <code>" to the bot in a private chat; the bot passes the
// code with the Telegram user id (which only Telegram vouches for) to the service.
import crypto from "node:crypto";
import type { Db } from "../db/prisma.js";
import { AppError } from "../errors.js";
import type { AuditLog } from "./audit-log.js";
import type { StaffActor } from "./ticket-types.js";

export const LINK_CODE_TTL_MS = 15 * 60 * 1000;

// No 0/O, 1/I/L: the code is read from a screen and typed on a phone.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

/** Why a link or lookup failed: an HTTP error (http-errors.ts) the bot turns into a message. */
export class StaffTelegramError extends AppError {
  constructor(code: "invalid_code" | "expired_code" | "not_found", message: string) {
    super(code === "not_found" ? 404 : 422, code, message);
    this.name = "StaffTelegramError";
  }
}

export type TelegramLinkStatus = {
  linked: boolean;
  /** A code made and not used yet, while it is valid. */
  pendingCode: { code: string; expiresAt: Date } | null;
};

export type StaffTelegram = {
  /** A fresh one-time code for this staff member (replaces an earlier one), valid 15 minutes. */
  createLinkCode(staffId: number): Promise<{ code: string; expiresAt: Date }>;
  /** Links the Telegram user to the staff member whose valid code this is; the code is used up. */
  link(code: string, telegramUserId: string): Promise<StaffActor>;
  /** Removes the link (and any pending code). */
  unlink(staffId: number): Promise<void>;
  status(staffId: number): Promise<TelegramLinkStatus>;
  /** The active staff member linked to this Telegram user, or null. */
  staffForTelegramUser(telegramUserId: string): Promise<StaffActor | null>;
};

/** Upper-cases and drops spaces and dashes, so "abcd-efgh" and "ABCD EFGH" both match. */
export function normalizeLinkCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, "");
}

function newCode(): string {
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}

const actorOf = (s: { id: number; role: string; name: string }): StaffActor => ({ id: s.id, role: s.role === "admin" ? "admin" : "librarian", name: s.name });

/** Creates the link service; `now` is injectable so tests can let a code expire. */
export function createStaffTelegram(deps: { db: Db; audit: AuditLog; now?: () => Date }): StaffTelegram {
  const { db, audit } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async createLinkCode(staffId) {
      const expiresAt = new Date(now().getTime() + LINK_CODE_TTL_MS);
      // The code column is unique: on the (unlikely) collision, draw again.
      for (let attempt = 0; ; attempt++) {
        const code = newCode();
        try {
          const updated = await db.staff.updateMany({ where: { id: staffId, active: true }, data: { telegramLinkCode: code, telegramLinkExpiry: expiresAt } });
          if (updated.count === 0) throw new StaffTelegramError("not_found", "no active staff member with this id");
          await audit.record({ staffId, action: "staff.telegram_code" });
          return { code, expiresAt };
        } catch (err) {
          if (attempt < 3 && (err as { code?: string }).code === "P2002") continue;
          throw err;
        }
      }
    },

    async link(rawCode, telegramUserId) {
      const code = normalizeLinkCode(rawCode);
      if (code.length !== CODE_LENGTH) throw new StaffTelegramError("invalid_code", "the code is not valid");
      const staff = await db.staff.findUnique({ where: { telegramLinkCode: code } });
      if (!staff || !staff.active) throw new StaffTelegramError("invalid_code", "the code is not valid");
      if (!staff.telegramLinkExpiry || staff.telegramLinkExpiry.getTime() <= now().getTime()) {
        await db.staff.updateMany({ where: { id: staff.id, telegramLinkCode: code }, data: { telegramLinkCode: null, telegramLinkExpiry: null } });
        throw new StaffTelegramError("expired_code", "the code has expired; make a new one in the dashboard");
      }
      return db.$transaction(async (tx) => {
        // Using the code up first makes it one-use even when two messages race.
        const used = await tx.staff.updateMany({ where: { id: staff.id, telegramLinkCode: code }, data: { telegramLinkCode: null, telegramLinkExpiry: null } });
        if (used.count === 0) throw new StaffTelegramError("invalid_code", "the code is not valid");
        // One Telegram account answers for one staff member: it moves from an earlier link.
        await tx.staff.updateMany({ where: { telegramUserId, id: { not: staff.id } }, data: { telegramUserId: null } });
        await tx.staff.update({ where: { id: staff.id }, data: { telegramUserId } });
        await audit.record({ staffId: staff.id, action: "staff.telegram_link", detail: { telegramUserId } }, tx);
        return actorOf(staff);
      });
    },

    async unlink(staffId) {
      await db.staff.updateMany({ where: { id: staffId }, data: { telegramUserId: null, telegramLinkCode: null, telegramLinkExpiry: null } });
      await audit.record({ staffId, action: "staff.telegram_unlink" });
    },

    async status(staffId) {
      const staff = await db.staff.findUnique({ where: { id: staffId }, select: { telegramUserId: true, telegramLinkCode: true, telegramLinkExpiry: true } });
      if (!staff) throw new StaffTelegramError("not_found", "no staff member with this id");
      const valid = staff.telegramLinkCode && staff.telegramLinkExpiry && staff.telegramLinkExpiry.getTime() > now().getTime();
      return { linked: staff.telegramUserId !== null, pendingCode: valid ? { code: staff.telegramLinkCode!, expiresAt: staff.telegramLinkExpiry! } : null };
    },

    async staffForTelegramUser(telegramUserId) {
      const staff = await db.staff.findUnique({ where: { telegramUserId } });
      return staff && staff.active ? actorOf(staff) : null;
    },
  };
}
