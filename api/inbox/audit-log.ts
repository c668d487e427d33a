import type { Db, Prisma } from "../db/prisma.js";

export type AuditEntry = { staffId: number | null; action: string; ticketId?: number | null; detail?: Record<string, unknown> };

export type AuditLog = {
  /** Appends one entry; pass a transaction client to make it part of the action it records. */
  record(entry: AuditEntry, tx?: Prisma.TransactionClient): Promise<void>;
};

/** Who did what and when in the dashboard: every staff action writes one row. */
export function createAuditLog(db: Db): AuditLog {
  return {
    async record(entry, tx) {
      await (tx ?? db).auditLog.create({
        data: { staffId: entry.staffId, action: entry.action, ticketId: entry.ticketId ?? null, detail: (entry.detail ?? {}) as Prisma.InputJsonValue },
      });
    },
  };
}
