// The reports page (any staff member): the inbox figures and the collection-development signals
// of api/inbox/reports.ts as plain tables, a GET form for the date range, and a CSV download per
// table. Read-only, so no CSRF field; the range lives in the URL and can be bookmarked.
import type { Hono } from "hono";
import type { PropsWithChildren } from "hono/jsx";
import type { Db } from "../db/prisma.js";
import type { Clock } from "../dialog/clock.js";
import { ValidationError } from "../errors.js";
import { csvFileName, isReportTableName, reportTable, tableToCsv, type ReportTableName } from "../inbox/report-csv.js";
import { DEFAULT_REPORT_TIME_ZONE, resolveReportRange, type ReportRange } from "../inbox/report-range.js";
import type { InboxReport, ReportService } from "../inbox/reports.js";
import { deny, requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, type DashboardT, type AnyContext } from "./dashboard-context.js";
import { excerpt, formatDateTime } from "./format.js";
import { Layout, type Flash } from "./layout.js";

export const REPORTS_PATH = `${DASHBOARD_BASE}/reports`;

/** Indonesia's three zones (WIB, WITA, WIT) and UTC, offered besides the branches' own. */
const COMMON_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC"];

export type ReportPagesDeps = { db: Db; reports: ReportService; clock: Clock };

/** "45 menit", "2 jam 5 menit", "3 hari 4 jam"; "—" when there is no figure. */
export function formatDuration(t: DashboardT, seconds: number | null): string {
  if (seconds === null) return "—";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("dashboard.reports.duration.minutes", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("dashboard.reports.duration.hours", { h: hours, m: minutes % 60 });
  return t("dashboard.reports.duration.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** The URL of one table's CSV for the range. */
export function csvHref(name: ReportTableName, range: ReportRange): string {
  const q = new URLSearchParams({ from: range.from, to: range.to, tz: range.timeZone });
  return `${REPORTS_PATH}/${name}.csv?${q.toString()}`;
}

function Section(props: PropsWithChildren<{ id: string; title: string; csv?: { name: ReportTableName; range: ReportRange; label: string } }>) {
  return (
    <section aria-labelledby={`r-${props.id}`}>
      <h2 id={`r-${props.id}`}>{props.title}</h2>
      {props.csv ? (
        <p class="meta">
          <a href={csvHref(props.csv.name, props.csv.range)} download>{props.csv.label}</a>
        </p>
      ) : null}
      {props.children}
    </section>
  );
}

function Empty(props: { t: DashboardT }) {
  return <p class="meta">{props.t("dashboard.reports.empty")}</p>;
}

function ReportBody(props: { c: AnyContext; report: InboxReport }) {
  const { t, locale } = dashboardOf(props.c);
  const r = props.report;
  const range = r.range;
  const tz = range.timeZone;
  const csvLabel = t("dashboard.reports.csv");
  const csv = (name: ReportTableName) => ({ name, range, label: csvLabel });
  const created = r.ticketsPerDay.reduce((n, d) => n + d.created, 0);
  const answered = r.ticketsPerDay.reduce((n, d) => n + d.answered, 0);
  const b = r.slaBreaches;
  return (
    <>
      <Section id="summary" title={t("dashboard.reports.summary")} csv={csv("first-response")}>
        <dl class="facts">
          <dt>{t("dashboard.reports.tickets_created")}</dt>
          <dd>{created}</dd>
          <dt>{t("dashboard.reports.tickets_answered")}</dt>
          <dd>{answered}</dd>
          <dt>{t("dashboard.reports.median_first_response")}</dt>
          <dd>{`${formatDuration(t, r.firstResponse.medianSeconds)} (${t("dashboard.reports.of_tickets", { n: r.firstResponse.answered })})`}</dd>
          <dt>{t("dashboard.reports.p90_first_response")}</dt>
          <dd>{formatDuration(t, r.firstResponse.p90Seconds)}</dd>
          <dt>{t("dashboard.reports.sla_breaches")}</dt>
          <dd>{t("dashboard.reports.sla_breaches_value", { late: b.answeredLate, waiting: b.unansweredLate, total: b.tickets })}</dd>
          <dt>{t("dashboard.reports.rating_average")}</dt>
          <dd>{r.ratings.average === null ? "—" : t("dashboard.reports.rating_value", { avg: r.ratings.average.toFixed(2), n: r.ratings.count })}</dd>
          <dt>{t("dashboard.reports.purchase_suggestions")}</dt>
          <dd>{r.purchaseSuggestions.count}</dd>
        </dl>
      </Section>

      <Section id="per-day" title={t("dashboard.reports.per_day")} csv={csv("tickets-per-day")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.reports.col_day")}</th>
              <th scope="col">{t("dashboard.reports.col_created")}</th>
              <th scope="col">{t("dashboard.reports.col_answered")}</th>
            </tr>
          </thead>
          <tbody>
            {r.ticketsPerDay.map((d) => (
              <tr>
                <td>{d.day}</td>
                <td>{d.created}</td>
                <td>{d.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="breaches" title={t("dashboard.reports.breaches")} csv={csv("sla-breaches")}>
        {b.rows.length === 0 ? <Empty t={t} /> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.reports.col_ticket")}</th>
                <th scope="col">{t("dashboard.queue.col_branch")}</th>
                <th scope="col">{t("dashboard.queue.col_channel")}</th>
                <th scope="col">{t("dashboard.reports.col_due")}</th>
                <th scope="col">{t("dashboard.reports.col_first_response")}</th>
                <th scope="col">{t("dashboard.reports.col_late")}</th>
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row) => (
                <tr>
                  <td><a href={`${DASHBOARD_BASE}/tickets/${row.ticketId}`}>{`#${row.ticketId}`}</a></td>
                  <td>{row.branchCode}</td>
                  <td>{row.channel}</td>
                  <td>{formatDateTime(locale, row.dueAt, tz)}</td>
                  <td>{row.firstResponseAt ? formatDateTime(locale, row.firstResponseAt, tz) : t("dashboard.reports.not_answered")}</td>
                  <td>{formatDuration(t, row.lateSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="ratings" title={t("dashboard.reports.ratings")} csv={csv("ratings")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.reports.col_stars")}</th>
              <th scope="col">{t("dashboard.reports.col_count")}</th>
            </tr>
          </thead>
          <tbody>
            {r.ratings.distribution.map((n, i) => (
              <tr>
                <td>{String(i + 1)}</td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="topics" title={t("dashboard.reports.topics")} csv={csv("unanswered-topics")}>
        <p class="meta">{t("dashboard.reports.topics_hint")}</p>
        {r.unansweredTopics.length === 0 ? <Empty t={t} /> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.reports.col_keyword")}</th>
                <th scope="col">{t("dashboard.reports.col_tickets")}</th>
                <th scope="col">{t("dashboard.reports.col_example")}</th>
              </tr>
            </thead>
            <tbody>
              {r.unansweredTopics.map((row) => (
                <tr>
                  <td>{row.keyword}</td>
                  <td>{row.tickets}</td>
                  <td class="text">
                    <a href={`${DASHBOARD_BASE}/tickets/${row.ticketIds[0]}`}>{`#${row.ticketIds[0]}`}</a>
                    {` ${excerpt(row.example, 120)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <QueryTable id="zero" title={t("dashboard.reports.zero_results")} hint={t("dashboard.reports.zero_results_hint")} rows={r.zeroResultSearches} csv={csv("zero-result-searches")} c={props.c} />
      <QueryTable id="top" title={t("dashboard.reports.top_queries")} rows={r.topQueries} csv={csv("top-queries")} c={props.c} />

      <Section id="suggestions" title={t("dashboard.reports.suggestions")} csv={csv("purchase-suggestions")}>
        {r.purchaseSuggestions.rows.length === 0 ? <Empty t={t} /> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.reports.col_query")}</th>
                <th scope="col">{t("dashboard.reports.col_suggestions")}</th>
                <th scope="col">{t("dashboard.reports.col_last")}</th>
              </tr>
            </thead>
            <tbody>
              {r.purchaseSuggestions.rows.map((row) => (
                <tr>
                  <td class="text">{row.query}</td>
                  <td>{row.suggestions}</td>
                  <td>{formatDateTime(locale, row.lastAt, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function QueryTable(props: { c: AnyContext; id: string; title: string; hint?: string; rows: InboxReport["topQueries"]; csv: { name: ReportTableName; range: ReportRange; label: string } }) {
  const { t, locale } = dashboardOf(props.c);
  return (
    <Section id={props.id} title={props.title} csv={props.csv}>
      {props.hint ? <p class="meta">{props.hint}</p> : null}
      {props.rows.length === 0 ? <Empty t={t} /> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.reports.col_query")}</th>
              <th scope="col">{t("dashboard.reports.col_searches")}</th>
              <th scope="col">{t("dashboard.reports.col_zero_hits")}</th>
              <th scope="col">{t("dashboard.reports.col_last")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td class="text">{row.query}</td>
                <td>{row.searches}</td>
                <td>{row.zeroHits}</td>
                <td>{formatDateTime(locale, row.lastAt, props.csv.range.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function RangeForm(props: { c: AnyContext; range: ReportRange; zones: string[] }) {
  const { t } = dashboardOf(props.c);
  return (
    <form method="get" action={REPORTS_PATH} class="row" aria-label={t("dashboard.reports.range_label")}>
      <div>
        <label for="r-from">{t("dashboard.reports.from")}</label>
        <input id="r-from" name="from" type="date" value={props.range.from} required />
      </div>
      <div>
        <label for="r-to">{t("dashboard.reports.to")}</label>
        <input id="r-to" name="to" type="date" value={props.range.to} required />
      </div>
      <div>
        <label for="r-tz">{t("dashboard.reports.time_zone")}</label>
        <select id="r-tz" name="tz">
          {props.zones.map((z) => <option value={z} selected={z === props.range.timeZone}>{z}</option>)}
        </select>
      </div>
      <button type="submit" class="secondary">{t("dashboard.reports.show")}</button>
    </form>
  );
}

/** GET /staff/reports and GET /staff/reports/:name.csv. */
export function registerReportPages(app: Hono<any>, deps: ReportPagesDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, reports, clock } = deps;

  // The branches' zones: the first branch's is the default (one library, one zone, as a rule).
  const branchZones = async (): Promise<string[]> =>
    (await db.branch.findMany({ select: { timezone: true }, orderBy: { id: "asc" } })).map((b) => b.timezone);

  const rangeOf = (c: AnyContext, zones: string[]): ReportRange =>
    resolveReportRange({ from: c.req.query("from"), to: c.req.query("to"), tz: c.req.query("tz") }, clock.now(), zones[0] ?? DEFAULT_REPORT_TIME_ZONE);

  app.get(REPORTS_PATH, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const branch = await branchZones();
    let range: ReportRange;
    let flash: Flash | null = null;
    try {
      range = rangeOf(c, branch);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // A bad range shows the default one with the reason, instead of an error page.
      flash = { kind: "error", text: t("dashboard.reports.bad_range", { reason: err.message }) };
      range = resolveReportRange({}, clock.now(), branch[0] ?? DEFAULT_REPORT_TIME_ZONE);
    }
    const zones = [...new Set([...branch, ...COMMON_ZONES, range.timeZone])];
    const report = await reports.all(range);
    return c.html(
      <Layout c={c} title={t("dashboard.reports.title")} active="reports" flash={flash}>
        <RangeForm c={c} range={range} zones={zones} />
        <p class="meta">{t("dashboard.reports.range_note", { from: range.from, to: range.to, tz: range.timeZone })}</p>
        <ReportBody c={c} report={report} />
      </Layout>,
      flash ? 400 : 200,
    );
  });

  app.get(`${REPORTS_PATH}/:file{[a-z-]+\\.csv}`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const name = c.req.param("file").replace(/\.csv$/, "");
    if (!isReportTableName(name)) return deny(c, 404, t("dashboard.reports.no_such_table"), "not_found");
    let range: ReportRange;
    try {
      range = rangeOf(c, await branchZones());
    } catch (err) {
      if (err instanceof ValidationError) return c.json({ error: "validation_error", message: err.message }, 400);
      throw err;
    }
    const csv = tableToCsv(await reportTable(reports, name, range));
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName(name, range)}"`,
    });
  });
}
