// Login rate limit. After STAFF_LOGIN_MAX_FAILURES failed logins for one e-mail address from one
// client address within STAFF_LOGIN_WINDOW_MINUTES the next attempt is refused (429) until the
// oldest failure leaves the window. Someone with many client addresses (an IPv6 prefix holds
// billions) would never reach that, so an address is also refused after ACCOUNT_FACTOR times as
// many failures from all client addresses together; a librarian locked out that way waits the
// same window. Failures are counted from the audit log ("login.failed"), so the limit holds across
// restarts and needs no table of its own.
import type { Db } from "../../db/prisma.js";
import type { Clock } from "../../dialog/clock.js";
import { createKeyedLock } from "../../dialog/keyed-lock.js";

/** Failures for one e-mail address from all client addresses, as a multiple of the per-address limit. */
export const ACCOUNT_FACTOR = 4;

export type LoginLimiter = {
  /** Minutes until another attempt is allowed, or 0 when one is allowed now. */
  blockedFor(email: string, ip: string): Promise<number>;
  /** Records a failed attempt (also the audit entry). */
  failed(email: string, ip: string, staffId: number | null): Promise<void>;
  /**
   * Runs the attempts for one e-mail address one after another in this process: parallel guesses
   * would otherwise all pass blockedFor before the first failure is recorded.
   */
  oneAtATime<T>(email: string, attempt: () => Promise<T>): Promise<T>;
};

/** The login limiter over the audit log. */
export function createLoginLimiter(deps: { db: Db; clock: Clock; maxFailures: number; windowMinutes: number }): LoginLimiter {
  const { db, clock, maxFailures, windowMinutes } = deps;
  const windowMs = windowMinutes * 60_000;
  const accountMax = maxFailures * ACCOUNT_FACTOR;
  const lock = createKeyedLock();

  // Minutes until the oldest of `limit` newest failures leaves the window; 0 when there are fewer.
  const waitFor = (times: Date[], limit: number): number => {
    if (times.length < limit) return 0;
    const oldest = times[limit - 1]!.getTime();
    return Math.max(1, Math.ceil((oldest + windowMs - clock.now().getTime()) / 60_000));
  };

  return {
    async blockedFor(email, ip) {
      const since = new Date(clock.now().getTime() - windowMs);
      const failures = await db.auditLog.findMany({
        where: { action: "login.failed", createdAt: { gt: since }, detail: { path: ["email"], equals: email } },
        orderBy: { createdAt: "desc" },
        take: accountMax,
        select: { createdAt: true, detail: true },
      });
      const fromIp = failures.filter((f) => (f.detail as { ip?: unknown } | null)?.ip === ip).map((f) => f.createdAt);
      return Math.max(waitFor(fromIp, maxFailures), waitFor(failures.map((f) => f.createdAt), accountMax));
    },
    async failed(email, ip, staffId) {
      await db.auditLog.create({ data: { staffId, action: "login.failed", detail: { email, ip }, createdAt: clock.now() } });
    },
    oneAtATime(email, attempt) {
      return lock.run(email, attempt);
    },
  };
}
