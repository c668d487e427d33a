// Canned answers: texts librarians reuse in the ticket page ("Pakai"). Any staff member may
// add, edit and delete them; every change is in the audit log.
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import type { AuditLog } from "../inbox/audit-log.js";
import { deny, requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "./dashboard-context.js";
import { excerpt } from "./format.js";
import { Layout, PostForm, type Flash } from "./layout.js";

const BASE = `${DASHBOARD_BASE}/canned`;
type Canned = { id: number; title: string; body: string; locale: string };

function CannedForm(props: { c: AnyContext; action: string; value?: Canned | null; submit: string }) {
  const { t } = dashboardOf(props.c);
  const v = props.value;
  return (
    <PostForm c={props.c} action={props.action} class="stack" label={props.submit}>
      <label for="c-title">{t("dashboard.canned.field_title")}</label>
      <input id="c-title" name="title" required maxlength={120} value={v?.title ?? ""} />
      <label for="c-locale">{t("dashboard.canned.field_locale")}</label>
      <select id="c-locale" name="locale">
        <option value="id" selected={v?.locale !== "en"}>Bahasa Indonesia</option>
        <option value="en" selected={v?.locale === "en"}>English</option>
      </select>
      <label for="c-body">{t("dashboard.canned.field_body")}</label>
      <textarea id="c-body" name="body" required maxlength={4000} rows={6}>{v?.body ?? ""}</textarea>
      <div><button type="submit">{props.submit}</button></div>
    </PostForm>
  );
}

function parse(body: Record<string, unknown>): Omit<Canned, "id"> | null {
  const title = typeof body["title"] === "string" ? body["title"].trim().slice(0, 120) : "";
  const text = typeof body["body"] === "string" ? body["body"].trim().slice(0, 4000) : "";
  const locale = body["locale"] === "en" ? "en" : "id";
  return title && text ? { title, body: text, locale } : null;
}

/** GET/POST /staff/canned, GET/POST /staff/canned/:id, POST /staff/canned/:id/delete. */
export function registerCannedAnswerPages(app: Hono<any>, deps: { db: Db; audit: AuditLog }): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { db, audit } = deps;

  async function list(c: AnyContext, flash?: Flash | null, status: 200 | 400 = 200) {
    const { t } = dashboardOf(c);
    const rows = await db.cannedAnswer.findMany({ orderBy: { title: "asc" } });
    return c.html(
      <Layout c={c} title={t("dashboard.canned.title")} active="canned" flash={flash}>
        {rows.length === 0 ? <p>{t("dashboard.canned.empty")}</p> : (
          <div class="table-wrap"><table>
            <thead>
              <tr><th scope="col">{t("dashboard.canned.field_title")}</th><th scope="col">{t("dashboard.canned.field_body")}</th><th scope="col">{t("dashboard.canned.field_locale")}</th><th scope="col"><span class="skip">{t("dashboard.canned.actions")}</span></th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td><a href={`${BASE}/${r.id}`}>{r.title}</a></td>
                  <td>{excerpt(r.body, 160)}</td>
                  <td>{r.locale}</td>
                  <td>
                    <PostForm c={c} action={`${BASE}/${r.id}/delete`} class="inline">
                      <button type="submit" class="link" aria-label={t("dashboard.canned.delete_named", { title: r.title })}>{t("dashboard.canned.delete")}</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
        <h2>{t("dashboard.canned.add")}</h2>
        <CannedForm c={c} action={BASE} submit={t("dashboard.canned.add")} />
      </Layout>,
      status,
    );
  }

  const idOf = (c: AnyContext) => {
    const id = Number(c.req.param("id"));
    return Number.isSafeInteger(id) && id > 0 ? id : 0;
  };

  app.get(BASE, requireStaff(), (c) => list(c, c.req.query("done") ? { kind: "ok", text: dashboardOf(c).t("dashboard.canned.saved") } : null));

  app.post(BASE, requireStaff(), async (c) => {
    const value = parse(await c.req.parseBody());
    if (!value) return list(c, { kind: "error", text: dashboardOf(c).t("dashboard.canned.incomplete") }, 400);
    const row = await db.cannedAnswer.create({ data: value });
    await audit.record({ staffId: sessionOf(c).staff.id, action: "canned.create", detail: { id: row.id, title: row.title } });
    return c.redirect(`${BASE}?done=1`, 303);
  });

  app.get(`${BASE}/:id`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const row = await db.cannedAnswer.findUnique({ where: { id: idOf(c) } });
    if (!row) return deny(c, 404, t("dashboard.canned.not_found"), "not_found");
    return c.html(
      <Layout c={c} title={t("dashboard.canned.edit")} active="canned">
        <CannedForm c={c} action={`${BASE}/${row.id}`} value={row} submit={t("dashboard.canned.save")} />
        <p><a href={BASE}>{t("dashboard.canned.back")}</a></p>
      </Layout>,
    );
  });

  app.post(`${BASE}/:id`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const id = idOf(c);
    const value = parse(await c.req.parseBody());
    if (!(await db.cannedAnswer.findUnique({ where: { id } }))) return deny(c, 404, t("dashboard.canned.not_found"), "not_found");
    if (!value) return list(c, { kind: "error", text: t("dashboard.canned.incomplete") }, 400);
    await db.cannedAnswer.update({ where: { id }, data: value });
    await audit.record({ staffId: sessionOf(c).staff.id, action: "canned.update", detail: { id, title: value.title } });
    return c.redirect(`${BASE}?done=1`, 303);
  });

  app.post(`${BASE}/:id/delete`, requireStaff(), async (c) => {
    const id = idOf(c);
    const { count } = await db.cannedAnswer.deleteMany({ where: { id } });
    if (count === 0) return deny(c, 404, dashboardOf(c).t("dashboard.canned.not_found"), "not_found");
    await audit.record({ staffId: sessionOf(c).staff.id, action: "canned.delete", detail: { id } });
    return c.redirect(`${BASE}?done=1`, 303);
  });
}
