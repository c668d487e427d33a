// Login, logout and the change-password page. The login form has no session yet, so its CSRF
// token is a double-submit cookie (SameSite=Strict, only sent to the login path) plus an Origin
// check; every other form carries the session's token (checked by the staff guard).
import crypto from "node:crypto";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Db } from "../../db/prisma.js";
import type { AuditLog } from "../../inbox/audit-log.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "../dashboard-context.js";
import { Layout, PostForm, type Flash } from "../layout.js";
import type { LoginLimiter } from "./login-limiter.js";
import { passwordProblem, verifyNothing, verifyPassword, MIN_PASSWORD_LENGTH } from "./password-hash.js";
import { normalizeEmail, type StaffAccounts } from "./staff-accounts.js";
import { sameToken, type MustChangeCache } from "./staff-guard.js";
import type { StaffSessions } from "./staff-sessions.js";

export type LoginRoutesDeps = {
  db: Db;
  audit: AuditLog;
  sessions: StaffSessions;
  accounts: StaffAccounts;
  limiter: LoginLimiter;
  mustChange: MustChangeCache;
  cookieName: string;
  maxHours: number;
};

const LOGIN = `${DASHBOARD_BASE}/login`;

// The login form is the one form anybody may post without a session: a real one is a few hundred
// bytes, so a bigger body is refused before it is read into memory.
const LOGIN_BODY_LIMIT = 16 * 1024;

/** Where to go after login: only a dashboard path, never another site ("//evil", "/\\evil"). */
export function safeNext(next: string | undefined): string {
  if (next && /^\/staff(\/[A-Za-z0-9/_.\-?=&%]*)?$/.test(next) && !next.startsWith(`${LOGIN}`)) return next;
  return `${DASHBOARD_BASE}/queue`;
}

/** The client address for the rate limit; "local" when there is no socket (in-process requests). */
function clientIp(c: AnyContext): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

function sameOrigin(c: AnyContext): boolean {
  const origin = c.req.header("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === new URL(c.req.url).host;
  } catch {
    return false;
  }
}

function LoginPage(props: { c: AnyContext; email?: string; next?: string; flash?: Flash | null }) {
  const { t } = dashboardOf(props.c);
  return (
    <Layout c={props.c} title={t("dashboard.login.title")} flash={props.flash}>
      <PostForm c={props.c} action={LOGIN} class="stack narrow" label={t("dashboard.login.title")}>
        <input type="hidden" name="next" value={props.next ?? ""} />
        <label for="email">{t("dashboard.login.email")}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ""} />
        <label for="password">{t("dashboard.login.password")}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t("dashboard.login.submit")}</button>
      </PostForm>
    </Layout>
  );
}

function PasswordPage(props: { c: AnyContext; flash?: Flash | null }) {
  const { t, mustChangePassword } = dashboardOf(props.c);
  return (
    <Layout c={props.c} title={t("dashboard.password.title")} active="password" flash={props.flash}>
      {mustChangePassword ? <p>{t("dashboard.password.must_change")}</p> : null}
      <PostForm c={props.c} action={`${DASHBOARD_BASE}/password`} class="stack narrow" label={t("dashboard.password.title")}>
        <label for="current">{t("dashboard.password.current")}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
        <label for="new">{t("dashboard.password.new", { min: MIN_PASSWORD_LENGTH })}</label>
        <input id="new" name="new" type="password" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
        <label for="confirm">{t("dashboard.password.confirm")}</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
        <button type="submit">{t("dashboard.password.submit")}</button>
      </PostForm>
    </Layout>
  );
}

const field = (body: Record<string, unknown>, name: string): string => (typeof body[name] === "string" ? (body[name] as string) : "");

/** GET/POST /staff/login, POST /staff/logout, GET/POST /staff/password. */
export function registerLoginRoutes(app: Hono<any>, deps: LoginRoutesDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const loginCookie = `${deps.cookieName}_login`;
  const cookieBase = { httpOnly: true, secure: true } as const;

  // A fresh pre-login token per login page view, in the form and in a cookie for the login path only.
  function issueLoginToken(c: AnyContext): void {
    const token = crypto.randomBytes(24).toString("base64url");
    setCookie(c, loginCookie, token, { ...cookieBase, sameSite: "Strict", path: LOGIN, maxAge: 3600 });
    dashboardOf(c).csrfToken = token;
  }

  app.get(LOGIN, async (c) => {
    const { t } = dashboardOf(c);
    // Already signed in: straight to the queue.
    if (await deps.sessions.load(getCookie(c, deps.cookieName))) return c.redirect(safeNext(c.req.query("next")), 303);
    issueLoginToken(c);
    const flash: Flash | null = c.req.query("bye") !== undefined ? { kind: "ok", text: t("dashboard.login.logged_out") } : null;
    return c.html(<LoginPage c={c} next={c.req.query("next")} flash={flash} />);
  });

  const loginBodyLimit = bodyLimit({ maxSize: LOGIN_BODY_LIMIT, onError: (c) => c.json({ error: "payload_too_large", message: "a login form is never this large" }, 413) });

  app.post(LOGIN, loginBodyLimit, async (c) => {
    const { t } = dashboardOf(c);
    const body = await c.req.parseBody();
    const cookieToken = getCookie(c, loginCookie) ?? "";
    if (!sameOrigin(c) || !cookieToken || !sameToken(field(body, "_csrf"), cookieToken)) {
      issueLoginToken(c);
      return c.html(<LoginPage c={c} flash={{ kind: "error", text: t("dashboard.login.expired_form") }} />, 403);
    }
    const email = normalizeEmail(field(body, "email")).slice(0, 200);
    const password = field(body, "password").slice(0, 1000);
    const next = field(body, "next");
    const ip = clientIp(c);
    return deps.limiter.oneAtATime(email, () => attempt(c, email, password, next, ip));
  });

  // One login attempt: the rate limit, the password check and the session (serialised per address by the caller).
  async function attempt(c: AnyContext, email: string, password: string, next: string, ip: string) {
    const { t } = dashboardOf(c);
    const wait = await deps.limiter.blockedFor(email, ip);
    if (wait > 0) {
      issueLoginToken(c);
      return c.html(<LoginPage c={c} email={email} next={next} flash={{ kind: "error", text: t("dashboard.login.rate_limited", { minutes: wait }) }} />, 429);
    }
    const staff = email ? await deps.db.staff.findUnique({ where: { email } }) : null;
    const ok = staff && staff.active ? await verifyPassword(password, staff.passwordHash) : await verifyNothing(password);
    if (!ok || !staff) {
      await deps.limiter.failed(email, ip, staff?.id ?? null);
      issueLoginToken(c);
      return c.html(<LoginPage c={c} email={email} next={next} flash={{ kind: "error", text: t("dashboard.login.failed") }} />, 401);
    }
    const session = await deps.sessions.create(staff.id);
    await deps.audit.record({ staffId: staff.id, action: "login", detail: { ip } });
    deleteCookie(c, loginCookie, { ...cookieBase, path: LOGIN });
    setCookie(c, deps.cookieName, session.token, { ...cookieBase, sameSite: "Lax", path: DASHBOARD_BASE, maxAge: deps.maxHours * 3600 });
    const mustChange = await deps.accounts.mustChangePassword(staff.id);
    deps.mustChange.set(session.id, mustChange);
    return c.redirect(mustChange ? `${DASHBOARD_BASE}/password` : safeNext(next), 303);
  }

  app.post(`${DASHBOARD_BASE}/logout`, async (c) => {
    const session = sessionOf(c);
    await deps.sessions.destroy(session.id);
    await deps.audit.record({ staffId: session.staff.id, action: "logout" });
    deleteCookie(c, deps.cookieName, { ...cookieBase, path: DASHBOARD_BASE });
    return c.redirect(`${LOGIN}?bye`, 303);
  });

  app.get(`${DASHBOARD_BASE}/password`, (c) => c.html(<PasswordPage c={c} />));

  app.post(`${DASHBOARD_BASE}/password`, async (c) => {
    const { t } = dashboardOf(c);
    const session = sessionOf(c);
    const body = await c.req.parseBody();
    const current = field(body, "current");
    const next = field(body, "new");
    const staff = await deps.db.staff.findUniqueOrThrow({ where: { id: session.staff.id } });
    const refuse = (text: string, status: 400 | 429 = 400) => c.html(<PasswordPage c={c} flash={{ kind: "error", text }} />, status);
    // A wrong current password counts as a failed login: a session left open must not become a way
    // to guess the password (and so the login limit covers this form too).
    return deps.limiter.oneAtATime(staff.email, async () => {
      const ip = clientIp(c);
      const wait = await deps.limiter.blockedFor(staff.email, ip);
      if (wait > 0) return refuse(t("dashboard.login.rate_limited", { minutes: wait }), 429);
      if (!(await verifyPassword(current, staff.passwordHash))) {
        await deps.limiter.failed(staff.email, ip, staff.id);
        return refuse(t("dashboard.password.wrong_current"));
      }
      if (next !== field(body, "confirm")) return refuse(t("dashboard.password.mismatch"));
      const problem = passwordProblem(next);
      if (problem) return refuse(t(problem === "too_short" ? "dashboard.password.too_short" : "dashboard.password.too_long", { min: MIN_PASSWORD_LENGTH }));
      if (next === current) return refuse(t("dashboard.password.same"));
      await deps.accounts.changeOwnPassword(staff.id, next, session.id);
      deps.mustChange.set(session.id, false);
      dashboardOf(c).mustChangePassword = false;
      return c.html(<PasswordPage c={c} flash={{ kind: "ok", text: t("dashboard.password.changed") }} />);
    });
  });
}
