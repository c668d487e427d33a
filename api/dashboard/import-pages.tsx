// Catalogue import in the dashboard (admins): upload a MARC 21, MARCXML or CSV file, watch it run,
// read the same report the CLI prints (counts, then each problem with record, line and field).
// A dry run is the default; its file is kept so "import for real" needs no second upload.
// The work is done by the import jobs (api/catalogue/import/import-jobs.ts) over importCatalogue().
import type { Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Db } from "../db/prisma.js";
import { AppError } from "../errors.js";
import { createI18n, type I18n, type MessageKey } from "../i18n/messages.js";
import { IMPORT_AUDIT_ACTION, ImportBusyError, type ImportJob, type ImportJobs } from "../catalogue/import/import-jobs.js";
import type { FormatOption, ImportReport, SkippedEntry } from "../catalogue/import/types.js";
import { dashboardLocale, deny, requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, wantsHtml, type DashboardT, type AnyContext } from "./dashboard-context.js";
import { formatDateTime } from "./format.js";
import { Layout, MessagePage, PostForm, csrfField, type Flash } from "./layout.js";

export const IMPORT_PATH = `${DASHBOARD_BASE}/import`;

/** Problems listed on the report page; the CLI prints the same first 200. */
const MAX_PROBLEMS_SHOWN = 200;
/** Finished imports listed under the form (from the audit log, so they survive restarts). */
const RECENT = 15;
/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD = 64 * 1024;

const FORMATS: { value: FormatOption; label: MessageKey }[] = [
  { value: "marc", label: "dashboard.import.format_marc" },
  { value: "marcxml", label: "dashboard.import.format_marcxml" },
  { value: "csv", label: "dashboard.import.format_csv" },
  { value: "slims-csv", label: "dashboard.import.format_slims_csv" },
  { value: "simple-csv", label: "dashboard.import.format_simple_csv" },
];
const FORMAT_NAME: Record<ImportReport["format"], MessageKey> = {
  marc: "dashboard.import.format_marc",
  marcxml: "dashboard.import.format_marcxml",
  "slims-csv": "dashboard.import.format_slims_csv",
  "simple-csv": "dashboard.import.format_simple_csv",
};
const DROPPED: Record<SkippedEntry["dropped"], MessageKey> = {
  record: "dashboard.import.dropped_record",
  field: "dashboard.import.dropped_field",
  item: "dashboard.import.dropped_item",
};

export type ImportPagesDeps = {
  db: Db;
  imports: ImportJobs;
  /** The largest file accepted, in bytes (IMPORT_MAX_MB). */
  maxBytes: number;
  /** Zone the times are shown in. */
  timeZone: string;
};

/** "50 MB", or "1 KB" for a limit under a megabyte. */
const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * Refuses an upload larger than the limit before anything reads it. Register it before the
 * dashboard's guard: the guard reads the whole form for its CSRF field.
 */
export function importUploadLimit(opts: { maxBytes: number; i18n?: I18n }): MiddlewareHandler {
  let i18n = opts.i18n;
  return bodyLimit({
    maxSize: opts.maxBytes + FORM_OVERHEAD,
    onError: (c) => {
      i18n ??= createI18n();
      const locale = dashboardLocale(c);
      const t = i18n.forLocale(locale);
      const text = t("dashboard.import.too_large", { size: sizeLabel(opts.maxBytes) });
      c.header("cache-control", "no-store");
      if (!wantsHtml(c)) return c.json({ error: "too_large", message: text }, 413);
      // The guard has not run: a frame without the menu, like the login page.
      c.set("dashboard", { session: null, locale, t, csrfToken: "", mustChangePassword: false });
      return c.html(<MessagePage c={c} title={t("dashboard.import.title")} text={text} back={{ href: IMPORT_PATH, label: t("dashboard.import.back") }} />, 413);
    },
  });
}

function ProblemTable(props: { t: DashboardT; report: ImportReport }) {
  const { t, report } = props;
  const count = report.skipped.length + report.skippedOmitted;
  if (count === 0) return <p>{t("dashboard.import.no_problems")}</p>;
  const shown = report.skipped.slice(0, MAX_PROBLEMS_SHOWN);
  return (
    <>
      <h2>{t("dashboard.import.problems", { count })}</h2>
      {shown.length < count ? <p class="meta">{t("dashboard.import.problems_shown", { shown: shown.length, count })}</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.import.col_record")}</th>
              <th scope="col">{t("dashboard.import.col_line")}</th>
              <th scope="col">{t("dashboard.import.col_field")}</th>
              <th scope="col">{t("dashboard.import.col_problem")}</th>
              <th scope="col">{t("dashboard.import.col_dropped")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr>
                <td>{e.record}</td>
                <td>{e.line ?? "—"}</td>
                <td>{e.field ?? "—"}</td>
                <td class="text">{e.problem}</td>
                <td>{t(DROPPED[e.dropped])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ReportFigures(props: { t: DashboardT; job: ImportJob; report: ImportReport }) {
  const { t, job, report } = props;
  return (
    <dl class="facts">
      <dt>{t("dashboard.import.format")}</dt>
      <dd>{t(FORMAT_NAME[report.format])}</dd>
      <dt>{t("dashboard.import.source")}</dt>
      <dd>{job.source}</dd>
      <dt>{t("dashboard.import.records")}</dt>
      <dd data-figure="total">{report.total}</dd>
      <dt>{t("dashboard.import.created")}</dt>
      <dd data-figure="created">{report.created}</dd>
      <dt>{t("dashboard.import.updated")}</dt>
      <dd data-figure="updated">{report.updated}</dd>
      <dt>{t("dashboard.import.unchanged")}</dt>
      <dd data-figure="unchanged">{report.unchanged}</dd>
      <dt>{t("dashboard.import.skipped")}</dt>
      <dd data-figure="skipped">{report.skippedRecords}</dd>
      <dt>{t("dashboard.import.copies")}</dt>
      <dd data-figure="copies">{report.items}</dd>
      <dt>{t("dashboard.import.branches_created")}</dt>
      <dd data-figure="branches">{report.branchesCreated.length ? `${report.branchesCreated.join(", ")} ${t("dashboard.import.branches_hint")}` : "—"}</dd>
      <dt>{t("dashboard.import.time")}</dt>
      <dd>{t("dashboard.import.seconds", { n: (report.ms / 1000).toFixed(1) })}</dd>
    </dl>
  );
}

function ProgressFigures(props: { t: DashboardT; job: ImportJob }) {
  const { t, job } = props;
  const p = job.progress;
  const percent = p?.totalBytes ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : null;
  return (
    <>
      <p role="status">{t(p?.phase === "indexing" ? "dashboard.import.phase_indexing" : p ? "dashboard.import.phase_importing" : "dashboard.import.phase_starting")}</p>
      {percent !== null ? <progress max={100} value={percent} aria-label={t("dashboard.import.percent", { percent })}>{`${percent}%`}</progress> : null}
      <dl class="facts">
        <dt>{t("dashboard.import.read")}</dt>
        <dd data-figure="read">{p?.records ?? 0}</dd>
        <dt>{t("dashboard.import.written")}</dt>
        <dd data-figure="written">{(p?.created ?? 0) + (p?.updated ?? 0)}</dd>
        <dt>{t("dashboard.import.unchanged")}</dt>
        <dd>{p?.unchanged ?? 0}</dd>
        <dt>{t("dashboard.import.skipped")}</dt>
        <dd>{p?.skippedRecords ?? 0}</dd>
      </dl>
      <p class="meta">{t("dashboard.import.auto_refresh")}</p>
    </>
  );
}

type AuditRow = { id: bigint; createdAt: Date; detail: unknown; staff: { name: string } | null };

/** GET/POST /staff/import, GET /staff/import/:id, POST /staff/import/:id/run (admins only; the guard checks CSRF). */
export function registerImportPages(app: Hono<any>, deps: ImportPagesDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const admin = requireStaff({ role: "admin" });
  const { imports } = deps;

  async function formPage(c: AnyContext, flash: Flash | null, status: 200 | 400 | 409 | 413 | 422 = 200, values: { source?: string; format?: string; dryRun?: boolean } = {}) {
    const { t, locale } = dashboardOf(c);
    const recent = (await deps.db.auditLog.findMany({
      where: { action: IMPORT_AUDIT_ACTION },
      orderBy: { id: "desc" },
      take: RECENT,
      select: { id: true, createdAt: true, detail: true, staff: { select: { name: true } } },
    })) as AuditRow[];
    const running = imports.running();
    const dryRun = values.dryRun ?? true;
    return c.html(
      <Layout c={c} title={t("dashboard.import.title")} active="import" flash={flash}>
        <p class="meta">{t("dashboard.import.hint", { size: sizeLabel(deps.maxBytes) })}</p>
        {running ? (
          <p class="flash flash-ok" role="status">
            {t("dashboard.import.running_now", { file: running.fileName })} <a href={`${IMPORT_PATH}/${running.id}`}>{t("dashboard.import.view")}</a>
          </p>
        ) : null}
        <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" class="stack narrow" aria-label={t("dashboard.import.title")}>
          {csrfField(c)}
          <label for="import-file">{t("dashboard.import.file")}</label>
          <input id="import-file" type="file" name="file" required />
          <label for="import-format">{t("dashboard.import.format")}</label>
          <select id="import-format" name="format">
            <option value="" selected={!values.format}>{t("dashboard.import.format_detect")}</option>
            {FORMATS.map((f) => <option value={f.value} selected={values.format === f.value}>{t(f.label)}</option>)}
          </select>
          <label for="import-source">{t("dashboard.import.source")}</label>
          <input id="import-source" type="text" name="source" maxlength={100} placeholder="local" value={values.source ?? ""} aria-describedby="import-source-hint" />
          <p id="import-source-hint" class="meta">{t("dashboard.import.source_hint")}</p>
          <label>
            <input type="checkbox" name="dryRun" value="1" checked={dryRun} /> {t("dashboard.import.dry_run")}
          </label>
          <div>
            <button type="submit">{t("dashboard.import.submit")}</button>
          </div>
        </form>
        <h2>{t("dashboard.import.recent")}</h2>
        {recent.length === 0 ? <p>{t("dashboard.import.none")}</p> : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.import.col_when")}</th>
                  <th scope="col">{t("dashboard.import.col_who")}</th>
                  <th scope="col">{t("dashboard.import.col_file")}</th>
                  <th scope="col">{t("dashboard.import.col_kind")}</th>
                  <th scope="col">{t("dashboard.import.col_status")}</th>
                  <th scope="col">{t("dashboard.import.records")}</th>
                  <th scope="col">{t("dashboard.import.created")}</th>
                  <th scope="col">{t("dashboard.import.updated")}</th>
                  <th scope="col">{t("dashboard.import.unchanged")}</th>
                  <th scope="col">{t("dashboard.import.skipped")}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((row) => {
                  const d = (row.detail ?? {}) as Record<string, unknown>;
                  const job = typeof d.job === "string" ? imports.get(d.job) : undefined;
                  const file = String(d.file ?? "");
                  const num = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : "—");
                  return (
                    <tr>
                      <td>{formatDateTime(locale, row.createdAt, deps.timeZone)}</td>
                      <td>{row.staff?.name ?? "—"}</td>
                      <td class="text">{job ? <a href={`${IMPORT_PATH}/${job.id}`}>{file}</a> : file}</td>
                      <td>{t(d.dryRun ? "dashboard.import.kind_dry" : "dashboard.import.kind_real")}</td>
                      <td>{t(d.status === "done" ? "dashboard.import.status_done" : "dashboard.import.status_failed")}</td>
                      <td>{num("total")}</td>
                      <td>{num("created")}</td>
                      <td>{num("updated")}</td>
                      <td>{num("unchanged")}</td>
                      <td>{num("skipped")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
      status,
    );
  }

  app.get(IMPORT_PATH, admin, (c) => formPage(c, null));

  app.post(IMPORT_PATH, admin, async (c) => {
    const { t } = dashboardOf(c);
    const body = await c.req.parseBody(); // already read (and cached) by the guard's CSRF check
    const source = typeof body.source === "string" ? body.source.trim() : "";
    const format = typeof body.format === "string" ? body.format : "";
    const dryRun = body.dryRun !== undefined;
    const values = { source, format, dryRun };
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return formPage(c, { kind: "error", text: t("dashboard.import.no_file") }, 400, values);
    if (format && !FORMATS.some((f) => f.value === format)) return formPage(c, { kind: "error", text: t("dashboard.import.bad_format") }, 400, values);
    if (file.size > deps.maxBytes) return formPage(c, { kind: "error", text: t("dashboard.import.too_large", { size: sizeLabel(deps.maxBytes) }) }, 413, values);
    try {
      const job = await imports.start({
        upload: file,
        fileName: file.name,
        source: source || "local",
        format: (format || undefined) as FormatOption | undefined,
        dryRun,
        staffId: sessionOf(c).staff.id,
      });
      return c.redirect(`${IMPORT_PATH}/${job.id}`, 303);
    } catch (err) {
      if (err instanceof ImportBusyError) return formPage(c, { kind: "error", text: t("dashboard.import.busy", { file: err.fileName }) }, 409, values);
      // Not a catalogue, unreadable, a bad source name: the importer's own reason, nothing stored.
      if (err instanceof AppError) return formPage(c, { kind: "error", text: t("dashboard.import.rejected", { reason: err.message }) }, err.status === 400 ? 400 : 422, values);
      throw err;
    }
  });

  app.get(`${IMPORT_PATH}/:id{[0-9a-f]{12}}`, admin, (c) => {
    const { t } = dashboardOf(c);
    const job = imports.get(c.req.param("id"));
    if (!job) return deny(c, 404, t("dashboard.import.not_found"), "not_found");
    // While it runs the page reloads itself: progress without JavaScript.
    if (job.status === "running") c.header("refresh", "2");
    const flash: Flash | null =
      job.status === "failed"
        ? { kind: "error", text: t("dashboard.import.failed", { error: job.error ?? "" }) }
        : job.status === "done"
          ? { kind: "ok", text: t(job.dryRun ? "dashboard.import.dry_done" : "dashboard.import.done") }
          : null;
    return c.html(
      <Layout c={c} title={t(job.dryRun ? "dashboard.import.job_title_dry" : "dashboard.import.job_title", { file: job.fileName })} active="import" flash={flash}>
        <p data-status={job.status}>
          <strong>{t(`dashboard.import.status_${job.status}`)}</strong>
          {job.dryRun && job.status !== "done" ? ` · ${t("dashboard.import.kind_dry")}` : null}
        </p>
        {job.status === "running" ? <ProgressFigures t={t} job={job} /> : null}
        {job.indexError ? <p class="flash flash-error" role="alert">{t("dashboard.import.index_error", { error: job.indexError })}</p> : null}
        {job.report ? <ReportFigures t={t} job={job} report={job.report} /> : null}
        {job.canRunForReal ? (
          <PostForm c={c} action={`${IMPORT_PATH}/${job.id}/run`} label={t("dashboard.import.run_for_real")}>
            <p class="meta">{t("dashboard.import.run_for_real_hint")}</p>
            <button type="submit">{t("dashboard.import.run_for_real")}</button>
          </PostForm>
        ) : null}
        {job.report ? <ProblemTable t={t} report={job.report} /> : null}
        <p><a href={IMPORT_PATH}>{t("dashboard.import.back")}</a></p>
      </Layout>,
    );
  });

  app.post(`${IMPORT_PATH}/:id{[0-9a-f]{12}}/run`, admin, async (c) => {
    const { t } = dashboardOf(c);
    try {
      const job = await imports.runForReal(c.req.param("id"), sessionOf(c).staff.id);
      return c.redirect(`${IMPORT_PATH}/${job.id}`, 303);
    } catch (err) {
      if (err instanceof ImportBusyError) return formPage(c, { kind: "error", text: t("dashboard.import.busy", { file: err.fileName }) }, 409);
      if (err instanceof AppError) return formPage(c, { kind: "error", text: t("dashboard.import.not_repeatable") }, 409);
      throw err;
    }
  });
}
