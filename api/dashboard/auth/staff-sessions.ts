// Dashboard sessions. The cookie holds a random token; the database keeps only its sha256, so a
// leaked database dump cannot be replayed as a login. A session ends after STAFF_SESSION_IDLE_MINUTES
// without a request or STAFF_SESSION_MAX_HOURS after login, whichever comes first.
import crypto from "node:crypto";
import type { Db } from "../../db/prisma.js";
import type { Clock } from "../../dialog/clock.js";
import type { StaffRole } from "./staff-accounts.js";

export type SessionStaff = { id: number; email: string; name: string; role: StaffRole; branchCode: string | null };

export type LoadedSession = { id: string; csrfToken: string; staff: SessionStaff; expiresAt: Date };

export type SessionPolicy = { idleMinutes: number; maxHours: number };

// lastSeenAt is written at most this often: every page view would otherwise be a write.
const TOUCH_EVERY_MS = 60_000;

/** sha256 of a cookie token, as stored in StaffSession.id. */
export function sessionId(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;

/** Creates, loads (checking idle and absolute expiry) and ends sessions. */
export function createStaffSessions(deps: { db: Db; clock: Clock; policy: SessionPolicy }) {
  const { db, clock, policy } = deps;
  const idleMs = policy.idleMinutes * 60_000;

  return {
    /** Starts a session; returns the cookie token (shown to nobody else) and the session id. */
    async create(staffId: number): Promise<{ token: string; id: string; csrfToken: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString("base64url");
      const id = sessionId(token);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + policy.maxHours * 3_600_000);
      const csrfToken = crypto.randomBytes(32).toString("base64url");
      await db.staffSession.create({ data: { id, staffId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt } });
      await db.staff.update({ where: { id: staffId }, data: { lastLoginAt: now } });
      // Expired rows of anybody are removed now and then, so the table does not grow forever.
      await db.staffSession.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - idleMs) } }] } });
      return { token, id, csrfToken, expiresAt };
    },

    /** The live session for a cookie token, or null (unknown, expired, idle too long, account disabled). */
    async load(token: string | undefined): Promise<LoadedSession | null> {
      if (!token || token.length > 100) return null;
      const id = sessionId(token);
      const row = await db.staffSession.findUnique({ where: { id }, include: { staff: true } });
      if (!row) return null;
      const now = clock.now();
      if (row.expiresAt <= now || row.lastSeenAt.getTime() + idleMs <= now.getTime() || !row.staff.active) {
        await db.staffSession.deleteMany({ where: { id } });
        return null;
      }
      if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await db.staffSession.update({ where: { id }, data: { lastSeenAt: now } });
      }
      const s = row.staff;
      return {
        id,
        csrfToken: row.csrfToken,
        expiresAt: row.expiresAt,
        staff: { id: s.id, email: s.email, name: s.name, role: s.role === "admin" ? "admin" : "librarian", branchCode: s.branchCode },
      };
    },

    /** Ends one session (logout). */
    async destroy(id: string): Promise<void> {
      await db.staffSession.deleteMany({ where: { id } });
    },
  };
}
