// What every dashboard handler can read from the request context: the signed-in staff member,
// the session's CSRF token and the dashboard's translator. Set by the staff guard.
import type { Context } from "hono";
import type { Locale } from "../i18n/locale.js";
import type { MessageKey, MessageParams } from "../i18n/messages.js";
import type { LoadedSession } from "./auth/staff-sessions.js";

/** The URL prefix of every dashboard page. */
export const DASHBOARD_BASE = "/staff";

export type DashboardT = (key: MessageKey, params?: MessageParams) => string;

export type DashboardRequest = {
  /** null only on the public pages (login, assets). */
  session: LoadedSession | null;
  locale: Locale;
  t: DashboardT;
  /** The token the forms carry: the session's, or on the login page the pre-login one. */
  csrfToken: string;
  /** True while the user still has a one-time password. */
  mustChangePassword: boolean;
};

declare module "hono" {
  interface ContextVariableMap {
    dashboard: DashboardRequest;
  }
}

/** Any Hono context: dashboard pages are mounted on apps with different env types. */
export type AnyContext = Context<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The dashboard request values; throws when the staff guard did not run (a wiring mistake). */
export function dashboardOf(c: AnyContext): DashboardRequest {
  const d = c.get("dashboard") as DashboardRequest | undefined;
  if (!d) throw new Error(`dashboard guard not mounted for ${c.req.path}`);
  return d;
}

/** The signed-in staff member's session; throws on a public page (use requireStaff before it). */
export function sessionOf(c: AnyContext): LoadedSession {
  const s = dashboardOf(c).session;
  if (!s) throw new Error(`no staff session on ${c.req.path}`);
  return s;
}

/** Whether the client wants a page (a browser) rather than JSON. */
export function wantsHtml(c: AnyContext): boolean {
  return (c.req.header("accept") ?? "").includes("text/html");
}
