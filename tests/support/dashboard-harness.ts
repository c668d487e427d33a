// The librarian dashboard over a real database: the Kupang branches, a patron with tickets opened
// through the real ticket service, staff accounts, and a cookie-keeping client for app.request.
import { Hono } from "hono";
import { expect } from "vitest";
import { seedBranches } from "../../api/catalogue/branches.js";
import { loadConfig, type Config } from "../../api/config.js";
import type { Clock } from "../../api/dialog/clock.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { TicketService } from "../../api/inbox/ticket-types.js";
import { createLogger } from "../../api/logger.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { registerDashboard, type Dashboard } from "../../api/dashboard/register-dashboard.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export type DashboardHarness = {
  test: TestDatabase;
  app: Hono;
  config: Config;
  tickets: TicketService;
  dashboard: Dashboard;
  /** Creates a staff account with a password of the test's choosing (no password change required). */
  staff(email: string, role: "librarian" | "admin", password?: string): Promise<{ id: number; email: string; password: string }>;
  /** A patron on the channel with one open ticket; returns the ticket id. */
  ticket(question: string, opts?: { channel?: "telegram" | "whatsapp" | "web"; user?: string; branchCode?: string }): Promise<number>;
  /** A cookie client signed in to this dashboard as `who` through the login form. */
  signedIn(who: Login): Promise<CookieClient>;
  close(): Promise<void>;
};

/** A dashboard app of its own (no catalogue, no search) for security and page tests. */
export async function createDashboardHarness(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<DashboardHarness> {
  const test = await createTestDatabase();
  await seedBranches(test.db);
  const config = loadConfig({ DATA_DIR: "./data/test", ...opts.env });
  const log = createLogger({ level: "silent" });
  const outbox = createOutboxServiceFromConfig(test.db, config);
  const tickets = createTicketService({ db: test.db, outbox, log, ...(opts.clock ? { clock: opts.clock } : {}) });
  const app = new Hono();
  const dashboard = registerDashboard(app, { db: test.db, config, log, tickets, ...(opts.clock ? { clock: opts.clock } : {}) });
  let patrons = 0;
  return {
    test,
    app,
    config,
    tickets,
    dashboard,
    async staff(email, role, password = "correct horse battery") {
      const { staff } = await dashboard.accounts.add({ email, role, name: email.split("@")[0], password }, null);
      return { id: staff.id, email: staff.email, password };
    },
    async ticket(question, o = {}) {
      const channel = o.channel ?? "telegram";
      const user = o.user ?? `u${++patrons}`;
      const patron = await test.db.patron.upsert({
        where: { channel_channelUserId: { channel, channelUserId: user } },
        create: { channel, channelUserId: user, displayName: `Pemustaka ${user}` },
        update: {},
      });
      const { ticket } = await tickets.open({ patronId: patron.id, channel, recipient: user, locale: "id", question, reason: "asked", branchCode: o.branchCode });
      return ticket.id;
    },
    signedIn: (who) => signedInClient(app, who),
    close: () => test.drop(),
  };
}

/** Email and password of a staff account, as the login form takes them. */
export type Login = { email: string; password: string };

export type CookieClient = ReturnType<typeof cookieClient>;

/** A cookie client signed in through the login form as `who`; the test fails if the login is refused. */
export async function signedInClient(app: { request: Hono["request"] }, who: Login): Promise<CookieClient> {
  const client = cookieClient(app);
  expect((await client.login(who.email, who.password)).status, `login as ${who.email}`).toBe(303);
  return client;
}

/** A browser stand-in for app.request: keeps cookies, follows nothing, reads CSRF tokens from pages. */
export function cookieClient(app: { request: Hono["request"] }) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("accept", headers.get("accept") ?? "text/html");
    if (jar.size) headers.set("cookie", cookieHeader());
    const res = await app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return {
    jar,
    get: (path: string, headers: Record<string, string> = {}) => send(path, { headers }),
    /** Posts a form (x-www-form-urlencoded). */
    post: (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      send(path, { method: "POST", body: new URLSearchParams(form).toString(), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } }),
    /** The CSRF token in a page's forms. */
    async csrf(path: string): Promise<string> {
      const html = await (await send(path)).text();
      const m = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!m) throw new Error(`no CSRF field on ${path}`);
      return m[1]!;
    },
    /** Logs in through the login form; returns the response of the POST. */
    async login(email: string, password: string, next?: string): Promise<Response> {
      const token = await this.csrf(`/staff/login`);
      return this.post("/staff/login", { _csrf: token, email, password, next: next ?? "" });
    },
  };
}
