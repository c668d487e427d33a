// Staff accounts for the CLI (`npm run staff`), the admin page and the first start. One-time
// passwords are generated here and returned to the caller, never logged.
//
// "Must change the password" needs no column: issuing a one-time password writes a
// `staff.password_issued` audit entry, choosing one's own writes `staff.password_changed`; the
// newer of the two decides.
import type { Db } from "../../db/prisma.js";
import type { AuditLog } from "../../inbox/audit-log.js";
import { generatePassword, hashPassword } from "./password-hash.js";

export type StaffRole = "librarian" | "admin";
export const STAFF_ROLES: StaffRole[] = ["librarian", "admin"];

export type StaffView = { id: number; email: string; name: string; role: StaffRole; branchCode: string | null; active: boolean; lastLoginAt: Date | null; createdAt: Date };

/** A staff change that cannot be made; the code names the reason for a message. */
export class StaffAccountError extends Error {
  constructor(
    readonly code: "exists" | "not_found" | "bad_email" | "bad_role" | "unknown_branch" | "last_admin",
    message: string,
  ) {
    super(message);
    this.name = "StaffAccountError";
  }
}

/** Lower-cased and trimmed: the one spelling of an address for lookups and uniqueness. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

const toView = (s: { id: number; email: string; name: string; role: string; branchCode: string | null; active: boolean; lastLoginAt: Date | null; createdAt: Date }): StaffView => ({
  id: s.id,
  email: s.email,
  name: s.name,
  role: s.role === "admin" ? "admin" : "librarian",
  branchCode: s.branchCode,
  active: s.active,
  lastLoginAt: s.lastLoginAt,
  createdAt: s.createdAt,
});

export type AddStaffInput = { email: string; role: StaffRole; name?: string; branchCode?: string | null; password?: string };

export type StaffAccounts = ReturnType<typeof createStaffAccounts>;

/** Creates, lists, resets and disables staff accounts; `actorId` is who did it (null = CLI/start). */
export function createStaffAccounts(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  async function issued(staffId: number, actorId: number | null, action: "staff.add" | "staff.reset_password", oneTime: boolean, extra: Record<string, unknown> = {}) {
    await audit.record({ staffId: actorId, action, detail: { target: staffId, ...extra } });
    if (oneTime) await audit.record({ staffId: actorId, action: "staff.password_issued", detail: { target: staffId } });
  }

  return {
    /** Creates an account; returns it and the one-time password when none was given. */
    async add(input: AddStaffInput, actorId: number | null): Promise<{ staff: StaffView; password: string | null }> {
      const email = normalizeEmail(input.email);
      if (!EMAIL.test(email)) throw new StaffAccountError("bad_email", `"${input.email}" is not an e-mail address`);
      if (!STAFF_ROLES.includes(input.role)) throw new StaffAccountError("bad_role", `role must be librarian or admin`);
      if (input.branchCode && !(await db.branch.findUnique({ where: { code: input.branchCode } }))) {
        throw new StaffAccountError("unknown_branch", `no branch with code ${input.branchCode}`);
      }
      if (await db.staff.findUnique({ where: { email } })) throw new StaffAccountError("exists", `${email} already has an account`);
      const password = input.password ?? generatePassword();
      const created = await db.staff.create({
        data: { email, name: input.name?.trim() || email.split("@")[0]!, role: input.role, branchCode: input.branchCode || null, passwordHash: await hashPassword(password) },
      });
      await issued(created.id, actorId, "staff.add", input.password === undefined, { email, role: input.role });
      return { staff: toView(created), password: input.password === undefined ? password : null };
    },

    /** Every account, admins first, then by e-mail. */
    async list(): Promise<StaffView[]> {
      const rows = await db.staff.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }] });
      return rows.map(toView);
    },

    /** One account by id. */
    async get(id: number): Promise<StaffView | null> {
      const row = await db.staff.findUnique({ where: { id } });
      return row ? toView(row) : null;
    },

    /** New one-time password (or the given one); ends the account's sessions and re-enables it. */
    async resetPassword(email: string, actorId: number | null, password?: string): Promise<{ staff: StaffView; password: string | null }> {
      const found = await db.staff.findUnique({ where: { email: normalizeEmail(email) } });
      if (!found) throw new StaffAccountError("not_found", `no account for ${email}`);
      const next = password ?? generatePassword();
      const updated = await db.staff.update({ where: { id: found.id }, data: { passwordHash: await hashPassword(next), active: true } });
      await db.staffSession.deleteMany({ where: { staffId: found.id } });
      await issued(found.id, actorId, "staff.reset_password", password === undefined);
      return { staff: toView(updated), password: password === undefined ? next : null };
    },

    /** Disables an account and ends its sessions; the last active admin cannot be disabled. */
    async disable(email: string, actorId: number | null): Promise<StaffView> {
      const found = await db.staff.findUnique({ where: { email: normalizeEmail(email) } });
      if (!found) throw new StaffAccountError("not_found", `no account for ${email}`);
      if (found.role === "admin" && found.active && (await db.staff.count({ where: { role: "admin", active: true } })) <= 1) {
        throw new StaffAccountError("last_admin", "the last active admin cannot be disabled");
      }
      const updated = await db.staff.update({ where: { id: found.id }, data: { active: false } });
      await db.staffSession.deleteMany({ where: { staffId: found.id } });
      await audit.record({ staffId: actorId, action: "staff.disable", detail: { target: found.id, email: found.email } });
      return toView(updated);
    },

    /** Sets the user's own new password: ends their other sessions and clears the must-change state. */
    async changeOwnPassword(staffId: number, password: string, keepSessionId: string): Promise<void> {
      await db.staff.update({ where: { id: staffId }, data: { passwordHash: await hashPassword(password) } });
      await db.staffSession.deleteMany({ where: { staffId, id: { not: keepSessionId } } });
      await audit.record({ staffId, action: "staff.password_changed", detail: { target: staffId } });
    },

    /** True while the account's password is a one-time password nobody has replaced yet. */
    async mustChangePassword(staffId: number): Promise<boolean> {
      const last = await db.auditLog.findFirst({
        where: { action: { in: ["staff.password_issued", "staff.password_changed"] }, detail: { path: ["target"], equals: staffId } },
        orderBy: { id: "desc" },
        select: { action: true },
      });
      return last?.action === "staff.password_issued";
    },

    /** On an empty Staff table: creates the first admin and returns its one-time password, else null. */
    async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
      if ((await db.staff.count()) > 0) return null;
      try {
        const { staff, password } = await this.add({ email, role: "admin", name: "Admin" }, null);
        return { email: staff.email, password: password! };
      } catch (err) {
        // Two processes starting at once: the other one created it.
        if (err instanceof StaffAccountError && err.code === "exists") return null;
        throw err;
      }
    },
  };
}
