// Staff accounts (admins only): list, add (the one-time password is shown once, on the answer
// page, never in a URL or the log), reset a password, disable an account.
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import { StaffAccountError, type StaffAccounts, type StaffRole } from "./auth/staff-accounts.js";
import { deny, requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type DashboardT, type AnyContext } from "./dashboard-context.js";
import { formatDateTime } from "./format.js";
import { Layout, PostForm, type Flash } from "./layout.js";

const BASE = `${DASHBOARD_BASE}/accounts`;

function accountErrorText(t: DashboardT, err: StaffAccountError): string {
  return t(`dashboard.accounts.error.${err.code}`);
}

/** GET/POST /staff/accounts, POST /staff/accounts/:id/reset, POST /staff/accounts/:id/disable. */
export function registerAccountPages(app: Hono<any>, deps: { db: Db; accounts: StaffAccounts }): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, accounts } = deps;
  const admin = requireStaff({ role: "admin" });

  async function page(c: AnyContext, opts: { flash?: Flash | null; secret?: { email: string; password: string } | null; status?: 200 | 400 | 404 | 409 } = {}) {
    const { t, locale } = dashboardOf(c);
    const [rows, branches] = await Promise.all([accounts.list(), db.branch.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } })]);
    const me = sessionOf(c).staff.id;
    return c.html(
      <Layout c={c} title={t("dashboard.accounts.title")} active="accounts" flash={opts.flash}>
        {opts.secret ? (
          <div class="flash flash-ok" role="status">
            <p>{t("dashboard.accounts.one_time", { email: opts.secret.email })}</p>
            <p><code id="one-time-password">{opts.secret.password}</code></p>
          </div>
        ) : null}
        <div class="table-wrap"><table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.accounts.email")}</th>
              <th scope="col">{t("dashboard.accounts.name")}</th>
              <th scope="col">{t("dashboard.accounts.role")}</th>
              <th scope="col">{t("dashboard.queue.col_branch")}</th>
              <th scope="col">{t("dashboard.accounts.state")}</th>
              <th scope="col">{t("dashboard.accounts.last_login")}</th>
              <th scope="col">{t("dashboard.canned.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr>
                <td>{s.email}</td>
                <td>{s.name}</td>
                <td>{t(`dashboard.role.${s.role}`)}</td>
                <td>{s.branchCode ?? t("dashboard.accounts.all_branches")}</td>
                <td>{s.active ? t("dashboard.accounts.active") : t("dashboard.accounts.disabled")}</td>
                <td>{s.lastLoginAt ? formatDateTime(locale, s.lastLoginAt, "UTC") + " UTC" : "—"}</td>
                <td>
                  <PostForm c={c} action={`${BASE}/${s.id}/reset`} class="inline">
                    <button type="submit" class="link" aria-label={t("dashboard.accounts.reset_named", { email: s.email })}>{t("dashboard.accounts.reset")}</button>
                  </PostForm>
                  {s.active && s.id !== me ? (
                    <>
                      {" · "}
                      <PostForm c={c} action={`${BASE}/${s.id}/disable`} class="inline">
                        <button type="submit" class="link" aria-label={t("dashboard.accounts.disable_named", { email: s.email })}>{t("dashboard.accounts.disable")}</button>
                      </PostForm>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
        <h2>{t("dashboard.accounts.add")}</h2>
        <PostForm c={c} action={BASE} class="stack narrow" label={t("dashboard.accounts.add")}>
          <label for="a-email">{t("dashboard.accounts.email")}</label>
          <input id="a-email" name="email" type="email" required maxlength={200} />
          <label for="a-name">{t("dashboard.accounts.name")}</label>
          <input id="a-name" name="name" maxlength={100} />
          <label for="a-role">{t("dashboard.accounts.role")}</label>
          <select id="a-role" name="role">
            <option value="librarian">{t("dashboard.role.librarian")}</option>
            <option value="admin">{t("dashboard.role.admin")}</option>
          </select>
          <label for="a-branch">{t("dashboard.queue.col_branch")}</label>
          <select id="a-branch" name="branch">
            <option value="">{t("dashboard.accounts.all_branches")}</option>
            {branches.map((b) => <option value={b.code}>{`${b.name} (${b.code})`}</option>)}
          </select>
          <div><button type="submit">{t("dashboard.accounts.add")}</button></div>
        </PostForm>
      </Layout>,
      opts.status ?? 200,
    );
  }

  const target = async (c: AnyContext) => {
    const id = Number(c.req.param("id"));
    return Number.isSafeInteger(id) && id > 0 ? accounts.get(id) : null;
  };

  app.get(BASE, admin, (c) => page(c));

  app.post(BASE, admin, async (c) => {
    const { t } = dashboardOf(c);
    const body = await c.req.parseBody();
    const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
    const role: StaffRole = str("role") === "admin" ? "admin" : "librarian";
    try {
      const { staff, password } = await accounts.add({ email: str("email"), name: str("name") || undefined, role, branchCode: str("branch") || null }, sessionOf(c).staff.id);
      return page(c, { secret: { email: staff.email, password: password! } });
    } catch (err) {
      if (err instanceof StaffAccountError) return page(c, { flash: { kind: "error", text: accountErrorText(t, err) }, status: 400 });
      throw err;
    }
  });

  app.post(`${BASE}/:id/reset`, admin, async (c) => {
    const s = await target(c);
    if (!s) return deny(c, 404, dashboardOf(c).t("dashboard.accounts.error.not_found"), "not_found");
    const { password } = await accounts.resetPassword(s.email, sessionOf(c).staff.id);
    return page(c, { secret: { email: s.email, password: password! } });
  });

  app.post(`${BASE}/:id/disable`, admin, async (c) => {
    const { t } = dashboardOf(c);
    const s = await target(c);
    if (!s) return deny(c, 404, t("dashboard.accounts.error.not_found"), "not_found");
    if (s.id === sessionOf(c).staff.id) return page(c, { flash: { kind: "error", text: t("dashboard.accounts.error.self") }, status: 409 });
    try {
      await accounts.disable(s.email, sessionOf(c).staff.id);
    } catch (err) {
      if (err instanceof StaffAccountError) return page(c, { flash: { kind: "error", text: accountErrorText(t, err) }, status: 409 });
      throw err;
    }
    return page(c, { flash: { kind: "ok", text: t("dashboard.accounts.disabled_done", { email: s.email }) } });
  });
}
