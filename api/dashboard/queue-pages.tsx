// The queue (tabs open / claimed / answered / closed, filters branch, channel, age, oldest first,
// overdue marked in words) and the ticket page with its actions. Every action is a plain form
// POST that redirects back (or re-renders with a message when the ticket service refuses).
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import type { Clock } from "../dialog/clock.js";
import type { Channel } from "../dialog/reply.js";
import { TicketError, type QueueFilter, type StaffActor, type TicketService, type TicketStatus, type TicketSummary } from "../inbox/ticket-types.js";
import type { Logger } from "../logger.js";
import { requireStaff, deny } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type DashboardT, type AnyContext } from "./dashboard-context.js";
import { excerpt, formatAge, formatDateTime } from "./format.js";
import { Layout, type Flash } from "./layout.js";
import { TicketView, type TicketViewData } from "./ticket-view.js";

export type QueuePagesDeps = { db: Db; tickets?: TicketService; log: Logger; clock: Clock };

const TABS: { id: string; statuses: TicketStatus[] }[] = [
  { id: "open", statuses: ["open"] },
  { id: "claimed", statuses: ["claimed"] },
  { id: "answered", statuses: ["answered"] },
  { id: "closed", statuses: ["closed", "cancelled"] },
];
const CHANNELS: Channel[] = ["telegram", "whatsapp", "web"];
const AGES = [60, 240, 1440, 4320];
const ACTIONS = ["claim", "answer", "note", "transfer", "close", "reopen"] as const;
type Action = (typeof ACTIONS)[number];

/** TicketError code -> the message a librarian reads. */
function errorText(t: DashboardT, err: TicketError, assigneeName: string | null): string {
  switch (err.code) {
    case "already_claimed":
      return t("dashboard.ticket.error.already_claimed", { name: assigneeName ?? "?" });
    case "not_owner":
      return t("dashboard.ticket.error.not_owner", { name: assigneeName ?? "?" });
    case "invalid_state":
      return t("dashboard.ticket.error.invalid_state");
    case "not_found":
      return t("dashboard.ticket.error.not_found");
    case "empty":
      return t("dashboard.ticket.error.empty");
    case "rate_limited":
      return t("dashboard.ticket.error.rate_limited");
  }
}

export const actorOf = (c: AnyContext): StaffActor => {
  const s = sessionOf(c).staff;
  return { id: s.id, role: s.role, name: s.name };
};

function queueHref(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  // An empty value is kept on purpose: branch= means "all branches" for a librarian with a home branch.
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return `${DASHBOARD_BASE}/queue${s ? `?${s}` : ""}`;
}

function QueueTable(props: { c: AnyContext; rows: TicketSummary[]; zones: Map<string, string>; now: Date }) {
  const { t, locale } = dashboardOf(props.c);
  if (props.rows.length === 0) return <p>{t("dashboard.queue.empty")}</p>;
  return (
    <div class="table-wrap"><table>
      <caption class="meta">{t("dashboard.queue.caption", { n: props.rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("dashboard.queue.col_ticket")}</th>
          <th scope="col">{t("dashboard.queue.col_question")}</th>
          <th scope="col">{t("dashboard.queue.col_branch")}</th>
          <th scope="col">{t("dashboard.queue.col_channel")}</th>
          <th scope="col">{t("dashboard.queue.col_age")}</th>
          <th scope="col">{t("dashboard.queue.col_due")}</th>
          <th scope="col">{t("dashboard.queue.col_assignee")}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr class={r.overdue ? "overdue" : undefined}>
            <td><a href={`${DASHBOARD_BASE}/tickets/${r.id}`}>#{r.id}</a></td>
            <td><a href={`${DASHBOARD_BASE}/tickets/${r.id}`}>{excerpt(r.question)}</a></td>
            <td>{r.branchCode}</td>
            <td>{r.channel}</td>
            <td>{formatAge(t, r.createdAt, props.now)}</td>
            <td>
              {formatDateTime(locale, r.dueAt, props.zones.get(r.branchCode) ?? "UTC")}
              {r.overdue ? <> <strong class="badge badge-overdue">{t("dashboard.queue.overdue")}</strong></> : null}
            </td>
            <td>{r.assignee?.name ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}

/** GET /staff/queue, GET /staff/tickets/:id and the ticket actions. */
export function registerQueuePages(app: Hono<any>, deps: QueuePagesDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, tickets, clock } = deps;
  const unavailable = (c: AnyContext) => deny(c, 409, dashboardOf(c).t("dashboard.queue.unavailable"), "inbox_unavailable");

  app.get(`${DASHBOARD_BASE}/queue`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    if (!tickets) return unavailable(c);
    const tab = TABS.find((x) => x.id === c.req.query("status")) ?? TABS[0]!;
    const branches = await db.branch.findMany({ select: { code: true, name: true, timezone: true }, orderBy: { code: "asc" } });
    // A librarian with a home branch sees that branch first; "all branches" is one choice away (branch=).
    const asked = c.req.query("branch") ?? sessionOf(c).staff.branchCode ?? undefined;
    const branch = branches.some((b) => b.code === asked) ? asked : undefined;
    const channel = CHANNELS.find((x) => x === c.req.query("channel"));
    const age = AGES.find((x) => String(x) === c.req.query("age"));
    const filter: QueueFilter = { status: tab.statuses, branchCode: branch, channel, olderThanMinutes: age, limit: 200 };
    const rows = await tickets.queue(filter);
    const keep = { branch: branch ?? (sessionOf(c).staff.branchCode ? "" : undefined), channel, age: age ? String(age) : undefined };
    return c.html(
      <Layout c={c} title={t("dashboard.queue.title")} active="queue">
        <nav aria-label={t("dashboard.queue.tabs_label")}>
          <ul class="tabs">
            {TABS.map((x) => (
              <li>
                <a href={queueHref({ status: x.id, ...keep })} aria-current={x.id === tab.id ? "page" : undefined}>
                  {t(`dashboard.queue.tab.${x.id as "open"}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" action={`${DASHBOARD_BASE}/queue`} class="row" aria-label={t("dashboard.queue.filter_label")}>
          <input type="hidden" name="status" value={tab.id} />
          <div>
            <label for="f-branch">{t("dashboard.queue.col_branch")}</label>
            <select id="f-branch" name="branch">
              <option value="">{t("dashboard.queue.all")}</option>
              {branches.map((b) => <option value={b.code} selected={b.code === branch}>{`${b.name} (${b.code})`}</option>)}
            </select>
          </div>
          <div>
            <label for="f-channel">{t("dashboard.queue.col_channel")}</label>
            <select id="f-channel" name="channel">
              <option value="">{t("dashboard.queue.all")}</option>
              {CHANNELS.map((x) => <option value={x} selected={x === channel}>{x}</option>)}
            </select>
          </div>
          <div>
            <label for="f-age">{t("dashboard.queue.age_label")}</label>
            <select id="f-age" name="age">
              <option value="">{t("dashboard.queue.all")}</option>
              {AGES.map((x) => <option value={String(x)} selected={x === age}>{t("dashboard.queue.older_than", { age: formatAge(t, new Date(0), new Date(x * 60_000)) })}</option>)}
            </select>
          </div>
          <button type="submit" class="secondary">{t("dashboard.queue.apply")}</button>
        </form>
        <QueueTable c={c} rows={rows} zones={new Map(branches.map((b) => [b.code, b.timezone]))} now={clock.now()} />
      </Layout>,
    );
  });

  async function renderTicket(c: AnyContext, id: number, opts: { flash?: Flash | null; draft?: string; status?: 200 | 400 | 409 } = {}) {
    const { t } = dashboardOf(c);
    if (!tickets) return unavailable(c);
    let detail;
    try {
      detail = await tickets.get(id);
    } catch (err) {
      if (err instanceof TicketError && err.code === "not_found") return deny(c, 404, t("dashboard.ticket.error.not_found"), "not_found");
      throw err;
    }
    const [branches, staff, canned] = await Promise.all([
      db.branch.findMany({ select: { code: true, name: true, timezone: true }, orderBy: { code: "asc" } }),
      db.staff.findMany({ where: { active: true }, select: { id: true, name: true, branchCode: true }, orderBy: { name: "asc" } }),
      db.cannedAnswer.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, locale: true } }),
    ]);
    const timeZone = branches.find((b) => b.code === detail.branchCode)?.timezone ?? "UTC";
    const data: TicketViewData = { detail, branches, staff, canned, timeZone, now: clock.now(), draft: opts.draft ?? "" };
    return c.html(
      <Layout c={c} title={t("dashboard.ticket.title", { id: detail.id })} active="queue" flash={opts.flash}>
        <TicketView c={c} data={data} />
      </Layout>,
      opts.status ?? 200,
    );
  }

  const ticketId = (c: AnyContext): number | null => {
    const id = Number(c.req.param("id"));
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  };

  app.get(`${DASHBOARD_BASE}/tickets/:id`, requireStaff(), async (c) => {
    const id = ticketId(c);
    if (id === null) return deny(c, 404, dashboardOf(c).t("dashboard.ticket.error.not_found"), "not_found");
    const done = c.req.query("done");
    const flash: Flash | null = done && (ACTIONS as readonly string[]).includes(done) ? { kind: "ok", text: dashboardOf(c).t(`dashboard.ticket.done.${done as Action}`) } : null;
    return renderTicket(c, id, { flash });
  });

  // "Pakai": the canned answer goes into the answer box, after what is already typed. Changes nothing.
  app.post(`${DASHBOARD_BASE}/tickets/:id/compose`, requireStaff(), async (c) => {
    const id = ticketId(c);
    if (id === null) return deny(c, 404, dashboardOf(c).t("dashboard.ticket.error.not_found"), "not_found");
    const body = await c.req.parseBody();
    const draft = typeof body["text"] === "string" ? body["text"] : "";
    const cannedId = Number(body["canned"]);
    const canned = Number.isSafeInteger(cannedId) && cannedId > 0 ? await db.cannedAnswer.findUnique({ where: { id: cannedId } }) : null;
    const text = canned ? (draft.trim() ? `${draft.trimEnd()}\n\n${canned.body}` : canned.body) : draft;
    return renderTicket(c, id, { draft: text });
  });

  app.post(`${DASHBOARD_BASE}/tickets/:id/:action`, requireStaff(), async (c, next) => {
    const { t } = dashboardOf(c);
    const id = ticketId(c);
    const action = ACTIONS.find((a) => a === c.req.param("action"));
    // Other modules add ticket actions of their own after this one (POST …/tickets/:id/faq, api/faq/faq-pages.tsx).
    if (!action) return next();
    if (id === null) return deny(c, 404, t("dashboard.ticket.error.not_found"), "not_found");
    if (!tickets) return unavailable(c);
    const body = await c.req.parseBody();
    const text = typeof body["text"] === "string" ? body["text"] : "";
    const actor = actorOf(c);
    try {
      if (action === "claim") await tickets.claim(id, actor);
      else if (action === "answer") await tickets.answer(id, actor, text);
      else if (action === "note") await tickets.note(id, actor, text);
      else if (action === "close") await tickets.close(id, actor);
      else if (action === "reopen") await tickets.reopen(id, actor);
      else {
        const to = typeof body["to"] === "string" ? body["to"] : "";
        const target = /^branch:(.+)$/.exec(to)?.[1];
        const staffId = Number(/^staff:(\d+)$/.exec(to)?.[1]);
        if (!target && !staffId) return renderTicket(c, id, { flash: { kind: "error", text: t("dashboard.ticket.error.pick_target") }, status: 400 });
        await tickets.transfer(id, actor, target ? { branchCode: target } : { staffId });
      }
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      const assignee = err.code === "already_claimed" || err.code === "not_owner" ? (await db.ticket.findUnique({ where: { id }, select: { assignee: { select: { name: true } } } }))?.assignee?.name ?? null : null;
      // The typed answer or note is kept in the box so nothing is lost.
      return renderTicket(c, id, { flash: { kind: "error", text: errorText(t, err, assignee) }, draft: action === "answer" ? text : "", status: err.code === "not_found" ? 400 : 409 });
    }
    return c.redirect(`${DASHBOARD_BASE}/tickets/${id}?done=${action}`, 303);
  });
}
