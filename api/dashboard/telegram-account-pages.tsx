// "Akun Telegram": the signed-in librarian links their Telegram account (needed to answer tickets
// by replying in the Telegram staff group). A POST makes a one-time code valid 15 minutes, which
// they send to the bot as "/tautkan <code>"; unlinking is a POST too. Own account only.
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import type { StaffTelegram } from "../inbox/staff-telegram.js";
import { requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "./dashboard-context.js";
import { formatDateTime } from "./format.js";
import { Layout, PostForm, type Flash } from "./layout.js";

export const TELEGRAM_ACCOUNT_PATH = `${DASHBOARD_BASE}/telegram`;

export type TelegramAccountDeps = {
  db: Db;
  staffTelegram: StaffTelegram;
  /** Whether TELEGRAM_STAFF_CHAT_ID is set; the page says so when it is not. */
  staffGroupConfigured: boolean;
};

async function timeZoneFor(db: Db, branchCode: string | null): Promise<string> {
  const branch = branchCode ? await db.branch.findUnique({ where: { code: branchCode }, select: { timezone: true } }) : await db.branch.findFirst({ orderBy: { id: "asc" }, select: { timezone: true } });
  return branch?.timezone ?? "UTC";
}

/** GET /staff/telegram, POST /staff/telegram/code and /staff/telegram/unlink (behind the dashboard login). */
export function registerTelegramAccountPages(app: Hono<any>, deps: TelegramAccountDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, staffTelegram } = deps;

  app.get(TELEGRAM_ACCOUNT_PATH, requireStaff(), async (c: AnyContext) => {
    const { t, locale } = dashboardOf(c);
    const me = sessionOf(c).staff;
    const status = await staffTelegram.status(me.id);
    const done = c.req.query("done");
    const flash: Flash | null = done === "code" ? { kind: "ok", text: t("dashboard.telegram.code_made") } : done === "unlinked" ? { kind: "ok", text: t("dashboard.telegram.unlinked") } : null;
    const code = status.pendingCode;
    const expires = code ? formatDateTime(locale, code.expiresAt, await timeZoneFor(db, me.branchCode)) : "";
    return c.html(
      <Layout c={c} title={t("dashboard.telegram.title")} active="telegram" flash={flash}>
        <p>{t("dashboard.telegram.intro")}</p>
        {deps.staffGroupConfigured ? null : <p class="meta">{t("dashboard.telegram.group_off")}</p>}
        <p><strong>{status.linked ? t("dashboard.telegram.linked") : t("dashboard.telegram.not_linked")}</strong></p>
        {code ? (
          <section aria-labelledby="tg-code">
            <h2 id="tg-code">{t("dashboard.telegram.code_label")}</h2>
            <p>{t("dashboard.telegram.code_steps")}</p>
            <p><code>/tautkan {code.code}</code></p>
            <p>{t("dashboard.telegram.code_expires", { time: expires })}</p>
          </section>
        ) : null}
        {status.linked ? <p>{t("dashboard.telegram.relink")}</p> : null}
        <PostForm c={c} action={`${TELEGRAM_ACCOUNT_PATH}/code`} class="inline">
          <button type="submit">{code ? t("dashboard.telegram.new_code") : t("dashboard.telegram.make_code")}</button>
        </PostForm>
        {status.linked ? (
          <PostForm c={c} action={`${TELEGRAM_ACCOUNT_PATH}/unlink`} class="inline">
            <button type="submit" class="secondary">{t("dashboard.telegram.unlink")}</button>
          </PostForm>
        ) : null}
      </Layout>,
    );
  });

  app.post(`${TELEGRAM_ACCOUNT_PATH}/code`, requireStaff(), async (c: AnyContext) => {
    await staffTelegram.createLinkCode(sessionOf(c).staff.id);
    return c.redirect(`${TELEGRAM_ACCOUNT_PATH}?done=code`, 303);
  });

  app.post(`${TELEGRAM_ACCOUNT_PATH}/unlink`, requireStaff(), async (c: AnyContext) => {
    await staffTelegram.unlink(sessionOf(c).staff.id);
    return c.redirect(`${TELEGRAM_ACCOUNT_PATH}?done=unlinked`, 303);
  });
}
