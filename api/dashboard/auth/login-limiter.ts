// Login rate limit per e-mail address and client address: after STAFF_LOGIN_MAX_FAILURES failed
// logins within STAFF_LOGIN_WINDOW_MINUTES the next attempt is refused (429) until the oldest
// failure leaves the window. Failures are counted from the audit log ("login.failed"), so the limit
// holds across restarts and needs no table of its own.
import type { Db } from "../../db/prisma.js";
import type { Clock } from "../../dialog/clock.js";

export type LoginLimiter = {
  /** Minutes until another attempt is allowed, or 0 when one is allowed now. */
  blockedFor(email: string, ip: string): Promise<number>;
  /** Records a failed attempt (also the audit entry). */
  failed(email: string, ip: string, staffId: number | null): Promise<void>;
};

/** The login limiter over the audit log. */
export function createLoginLimiter(deps: { db: Db; clock: Clock; maxFailures: number; windowMinutes: number }): LoginLimiter {
  const { db, clock, maxFailures, windowMinutes } = deps;
  const windowMs = windowMinutes * 60_000;
  return {
    async blockedFor(email, ip) {
      const since = new Date(clock.now().getTime() - windowMs);
      const failures = await db.auditLog.findMany({
        where: { action: "login.failed", createdAt: { gt: since }, AND: [{ detail: { path: ["email"], equals: email } }, { detail: { path: ["ip"], equals: ip } }] },
        orderBy: { createdAt: "desc" },
        take: maxFailures,
        select: { createdAt: true },
      });
      if (failures.length < maxFailures) return 0;
      const oldest = failures[failures.length - 1]!.createdAt.getTime();
      return Math.max(1, Math.ceil((oldest + windowMs - clock.now().getTime()) / 60_000));
    },
    async failed(email, ip, staffId) {
      await db.auditLog.create({ data: { staffId, action: "login.failed", detail: { email, ip }, createdAt: clock.now() } });
    },
  };
}
