// Mounts the librarian dashboard under /staff: the guard first (so every page registered under
// /staff afterwards, by this module or another, is behind the login), then the stylesheet, login,
// and the pages of this module.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { Config } from "../config.js";
import type { Db } from "../db/prisma.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import { createAuditLog, type AuditLog } from "../inbox/audit-log.js";
import type { TicketService } from "../inbox/ticket-types.js";
import type { Logger } from "../logger.js";
import { createLoginLimiter } from "./auth/login-limiter.js";
import { registerLoginRoutes, safeNext } from "./auth/login-routes.js";
import { createStaffAccounts, type StaffAccounts } from "./auth/staff-accounts.js";
import { createMustChangeCache, staffGuard } from "./auth/staff-guard.js";
import { createStaffSessions } from "./auth/staff-sessions.js";
import { DASHBOARD_BASE } from "./dashboard-context.js";
import { registerAccountPages } from "./account-pages.js";
import { registerCannedAnswerPages } from "./canned-answer-pages.js";
import { registerQueuePages } from "./queue-pages.js";

const CSS = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "dashboard.css"), "utf8");

export type DashboardDeps = {
  db: Db;
  config: Config;
  log: Logger;
  /** The inbox; without it the queue pages say the inbox is not available. */
  tickets?: TicketService;
  i18n?: I18n;
  clock?: Clock;
  audit?: AuditLog;
};

export type Dashboard = { accounts: StaffAccounts; audit: AuditLog; i18n: I18n };

/** Registers the dashboard on the app; call it before other modules add pages under /staff. */
export function registerDashboard(app: Hono<any>, deps: DashboardDeps): Dashboard { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, config } = deps;
  const clock = deps.clock ?? systemClock;
  const i18n = deps.i18n ?? createI18n();
  const audit = deps.audit ?? createAuditLog(db);
  const accounts = createStaffAccounts({ db, audit });
  const sessions = createStaffSessions({ db, clock, policy: { idleMinutes: config.STAFF_SESSION_IDLE_MINUTES, maxHours: config.STAFF_SESSION_MAX_HOURS } });
  const limiter = createLoginLimiter({ db, clock, maxFailures: config.STAFF_LOGIN_MAX_FAILURES, windowMinutes: config.STAFF_LOGIN_WINDOW_MINUTES });
  const mustChange = createMustChangeCache((id) => accounts.mustChangePassword(id));
  const guard = staffGuard({ sessions, i18n, cookieName: config.STAFF_COOKIE_NAME, mustChange });
  app.use(DASHBOARD_BASE, guard);
  app.use(`${DASHBOARD_BASE}/*`, guard);

  app.get(`${DASHBOARD_BASE}/assets/dashboard.css`, (c) => c.body(CSS, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }));
  registerLoginRoutes(app, { db, audit, sessions, accounts, limiter, mustChange, cookieName: config.STAFF_COOKIE_NAME, maxHours: config.STAFF_SESSION_MAX_HOURS });
  app.get(DASHBOARD_BASE, (c) => c.redirect(`${DASHBOARD_BASE}/queue`, 303));
  // The dashboard language is a preference, not a permission: a plain link sets it (no session needed).
  app.get(`${DASHBOARD_BASE}/lang`, (c) => {
    const locale = c.req.query("to") === "en" ? "en" : "id";
    setCookie(c, "tp_lang", locale, { path: DASHBOARD_BASE, sameSite: "Lax", secure: true, httpOnly: true, maxAge: 365 * 86400 });
    const back = c.req.query("back");
    return c.redirect(back?.startsWith(`${DASHBOARD_BASE}/login`) ? `${DASHBOARD_BASE}/login` : safeNext(back), 303);
  });
  registerQueuePages(app, { db, tickets: deps.tickets, log: deps.log, clock });
  registerCannedAnswerPages(app, { db, audit });
  registerAccountPages(app, { db, accounts });
  return { accounts, audit, i18n };
}
