// The gate in front of every /staff page: a live session or no page (a redirect to the login page
// for a browser, 401 for anything else), the session's CSRF token on every POST (403 otherwise),
// a one-time password replaced before anything else, and the admin-only pages (403).
import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { I18n } from "../../i18n/messages.js";
import type { Locale } from "../../i18n/locale.js";
import { DASHBOARD_BASE, dashboardOf, wantsHtml, type DashboardRequest, type AnyContext } from "../dashboard-context.js";
import { MessagePage } from "../layout.js";
import type { StaffRole } from "./staff-accounts.js";
import type { StaffSessions } from "./staff-sessions.js";

/** Paths that answer without a session. */
export const PUBLIC_PATHS = new Set([`${DASHBOARD_BASE}/login`, `${DASHBOARD_BASE}/lang`, `${DASHBOARD_BASE}/assets/dashboard.css`]);
/** Paths a user with a one-time password may still open. */
const PASSWORD_PATHS = new Set([`${DASHBOARD_BASE}/password`, `${DASHBOARD_BASE}/logout`]);

// Dashboard pages hold patrons' questions: never cached, never framed, no scripts at all.
const SECURITY_HEADERS: Record<string, string> = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // Not no-referrer: with it browsers send "Origin: null" on form posts.
  "referrer-policy": "same-origin",
};

/** Constant-time string equality for tokens. */
export function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b) && expected.length > 0;
}

/** The CSRF token a POST carries: the `_csrf` form field, or the x-csrf-token header. */
export async function postedCsrf(c: AnyContext): Promise<string> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const body = await c.req.parseBody();
  const field = body["_csrf"];
  return typeof field === "string" ? field : "";
}

export type MustChangeCache = ReturnType<typeof createMustChangeCache>;

export type StaffGuardDeps = { sessions: StaffSessions; i18n: I18n; cookieName: string; mustChange: MustChangeCache };

/** Caches "must change password" per session: asked once per session and process, cleared on change. */
export function createMustChangeCache(lookup: (staffId: number) => Promise<boolean>) {
  const known = new Map<string, boolean>();
  return {
    async get(sessionId: string, staffId: number): Promise<boolean> {
      const hit = known.get(sessionId);
      if (hit !== undefined) return hit;
      const value = await lookup(staffId);
      if (known.size > 5000) known.clear();
      known.set(sessionId, value);
      return value;
    },
    set(sessionId: string, value: boolean) {
      known.set(sessionId, value);
    },
  };
}

/** Dashboard language: Indonesian unless the staff member chose English (cookie tp_lang=en). */
export function dashboardLocale(c: AnyContext): Locale {
  return getCookie(c, "tp_lang") === "en" ? "en" : "id";
}

/** A refusal: the message inside the dashboard frame for a browser, JSON otherwise. */
export function deny(c: AnyContext, status: 403 | 404 | 409, text: string, code: string) {
  if (wantsHtml(c)) {
    const t = dashboardOf(c).t;
    return c.html(<MessagePage c={c} title={t("dashboard.error.title")} text={text} back={{ href: `${DASHBOARD_BASE}/queue`, label: t("dashboard.nav.queue") }} />, status);
  }
  return c.json({ error: code, message: text }, status);
}

/** The middleware for `${DASHBOARD_BASE}` and everything under it. */
export function staffGuard(deps: StaffGuardDeps): MiddlewareHandler {
  return async (c, next) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    const locale = dashboardLocale(c);
    const t = deps.i18n.forLocale(locale);
    const path = c.req.path.replace(/\/+$/, "") || "/";
    if (PUBLIC_PATHS.has(path)) {
      c.set("dashboard", { session: null, locale, t, csrfToken: "", mustChangePassword: false } satisfies DashboardRequest);
      return next();
    }
    const session = await deps.sessions.load(getCookie(c, deps.cookieName));
    if (!session) {
      if (wantsHtml(c)) {
        const query = new URL(c.req.url).search;
        const nextPath = c.req.method === "GET" ? `?next=${encodeURIComponent(path + query)}` : "";
        return c.redirect(`${DASHBOARD_BASE}/login${nextPath}`, 303);
      }
      return c.json({ error: "unauthorized", message: "sign in to the dashboard first" }, 401);
    }
    const mustChangePassword = await deps.mustChange.get(session.id, session.staff.id);
    c.set("dashboard", { session, locale, t, csrfToken: session.csrfToken, mustChangePassword } satisfies DashboardRequest);
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      if (!sameToken(await postedCsrf(c), session.csrfToken)) return deny(c, 403, t("dashboard.error.csrf"), "csrf");
    }
    if (mustChangePassword && !PASSWORD_PATHS.has(path)) {
      if (wantsHtml(c) && c.req.method === "GET") return c.redirect(`${DASHBOARD_BASE}/password`, 303);
      return deny(c, 403, t("dashboard.password.must_change"), "password_change_required");
    }
    return next();
  };
}

/** Per-route check: a session (the guard already asked) and, with `role: "admin"`, an admin. */
export function requireStaff(opts: { role?: StaffRole } = {}): MiddlewareHandler {
  return async (c, next) => {
    const d = c.get("dashboard") as DashboardRequest | undefined;
    if (!d?.session) return c.json({ error: "unauthorized", message: "sign in to the dashboard first" }, 401);
    if (opts.role === "admin" && d.session.staff.role !== "admin") return deny(c, 403, dashboardOf(c).t("dashboard.error.admin_only"), "forbidden");
    return next();
  };
}
