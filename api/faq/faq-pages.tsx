// Dashboard pages of the FAQ: the list with an add form, the edit form, show/hide, delete, and
// "Simpan sebagai FAQ" from a ticket. Behind the dashboard's login and CSRF check (registered
// after registerDashboard); every change goes through the FAQ service (audit log + search index).
import type { Hono } from "hono";
import { deny, requireStaff } from "../dashboard/auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "../dashboard/dashboard-context.js";
import { excerpt } from "../dashboard/format.js";
import { Layout, PostForm, type Flash } from "../dashboard/layout.js";
import type { StaffActor } from "../inbox/ticket-types.js";
import { FAQ_ANSWER_MAX, FAQ_QUESTION_MAX, FaqError, type FaqEntry, type FaqInput, type FaqService } from "./faq-types.js";

const BASE = `${DASHBOARD_BASE}/faq`;

/** The route of "Simpan sebagai FAQ" on a ticket page: POST `/staff/tickets/:id/faq`. */
export const faqFromTicketPath = (ticketId: number): string => `${DASHBOARD_BASE}/tickets/${ticketId}/faq`;

function actorOf(c: AnyContext): StaffActor {
  const s = sessionOf(c).staff;
  return { id: s.id, role: s.role === "admin" ? "admin" : "librarian", name: s.name };
}

function idOf(c: AnyContext): number {
  const id = Number(c.req.param("id"));
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function FaqForm(props: { c: AnyContext; action: string; value?: Partial<FaqEntry> | null; submit: string }) {
  const { t } = dashboardOf(props.c);
  const v = props.value;
  return (
    <PostForm c={props.c} action={props.action} class="stack" label={props.submit}>
      <label for="f-question">{t("dashboard.faq.field_question")}</label>
      <input id="f-question" name="question" required maxlength={FAQ_QUESTION_MAX} value={v?.question ?? ""} />
      <label for="f-answer">{t("dashboard.faq.field_answer")}</label>
      <textarea id="f-answer" name="answer" required maxlength={FAQ_ANSWER_MAX} rows={8}>{v?.answer ?? ""}</textarea>
      <label for="f-locale">{t("dashboard.faq.field_locale")}</label>
      <select id="f-locale" name="locale">
        <option value="id" selected={v?.locale !== "en"}>Bahasa Indonesia</option>
        <option value="en" selected={v?.locale === "en"}>English</option>
      </select>
      <label class="check">
        <input type="checkbox" name="published" value="1" checked={v?.published ?? true} /> {t("dashboard.faq.field_published")}
      </label>
      <div><button type="submit">{props.submit}</button></div>
    </PostForm>
  );
}

/** The form fields as service input; null when the question or answer is missing. */
function parse(body: Record<string, unknown>): FaqInput | null {
  const question = typeof body["question"] === "string" ? body["question"].trim() : "";
  const answer = typeof body["answer"] === "string" ? body["answer"].trim() : "";
  if (!question || !answer) return null;
  return { question, answer, locale: body["locale"] === "en" ? "en" : "id", published: body["published"] === "1" };
}

/** GET/POST /staff/faq, GET/POST /staff/faq/:id, POST /staff/faq/:id/publish|unpublish|delete, POST /staff/tickets/:id/faq. */
export function registerFaqPages(app: Hono<any>, deps: { faq: FaqService }): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { faq } = deps;

  const invalid = (c: AnyContext, err: unknown): Flash => {
    const { t } = dashboardOf(c);
    if (err instanceof FaqError && err.code === "invalid" && /longer/.test(err.message)) {
      return { kind: "error", text: t("dashboard.faq.too_long", { question: FAQ_QUESTION_MAX, answer: FAQ_ANSWER_MAX }) };
    }
    return { kind: "error", text: t("dashboard.faq.incomplete") };
  };

  async function list(c: AnyContext, flash?: Flash | null, status: 200 | 400 = 200, draft?: FaqInput | null) {
    const { t } = dashboardOf(c);
    const rows = await faq.list();
    return c.html(
      <Layout c={c} title={t("dashboard.faq.title")} active="faq" flash={flash}>
        <p>{t("dashboard.faq.intro")}</p>
        {rows.length === 0 ? <p>{t("dashboard.faq.empty")}</p> : (
          <div class="table-wrap"><table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.faq.field_question")}</th>
                <th scope="col">{t("dashboard.faq.field_answer")}</th>
                <th scope="col">{t("dashboard.faq.field_locale")}</th>
                <th scope="col">{t("dashboard.faq.col_status")}</th>
                <th scope="col">{t("dashboard.faq.col_source")}</th>
                <th scope="col"><span class="skip">{t("dashboard.faq.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td><a href={`${BASE}/${r.id}`}>{excerpt(r.question, 120)}</a></td>
                  <td>{excerpt(r.answer, 160)}</td>
                  <td>{r.locale}</td>
                  <td>{r.published ? t("dashboard.faq.published") : t("dashboard.faq.hidden")}</td>
                  <td>{r.sourceTicketId ? <a href={`${DASHBOARD_BASE}/tickets/${r.sourceTicketId}`}>{t("dashboard.faq.source_ticket", { id: r.sourceTicketId })}</a> : t("dashboard.faq.source_manual")}</td>
                  <td>
                    <PostForm c={c} action={`${BASE}/${r.id}/${r.published ? "unpublish" : "publish"}`} class="inline">
                      <button type="submit" class="link" aria-label={t(r.published ? "dashboard.faq.unpublish_named" : "dashboard.faq.publish_named", { question: excerpt(r.question, 60) })}>
                        {t(r.published ? "dashboard.faq.unpublish" : "dashboard.faq.publish")}
                      </button>
                    </PostForm>
                    <PostForm c={c} action={`${BASE}/${r.id}/delete`} class="inline">
                      <button type="submit" class="link" aria-label={t("dashboard.faq.delete_named", { question: excerpt(r.question, 60) })}>{t("dashboard.faq.delete")}</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
        <h2>{t("dashboard.faq.add")}</h2>
        <FaqForm c={c} action={BASE} value={draft} submit={t("dashboard.faq.add")} />
      </Layout>,
      status,
    );
  }

  function editPage(c: AnyContext, entry: Partial<FaqEntry> & { id: number }, flash?: Flash | null, status: 200 | 400 = 200) {
    const { t } = dashboardOf(c);
    return c.html(
      <Layout c={c} title={t("dashboard.faq.edit")} active="faq" flash={flash}>
        {entry.sourceTicketId ? <p><a href={`${DASHBOARD_BASE}/tickets/${entry.sourceTicketId}`}>{t("dashboard.faq.source_ticket", { id: entry.sourceTicketId })}</a></p> : null}
        <FaqForm c={c} action={`${BASE}/${entry.id}`} value={entry} submit={t("dashboard.faq.save")} />
        <PostForm c={c} action={`${BASE}/${entry.id}/delete`} class="inline">
          <button type="submit" class="danger">{t("dashboard.faq.delete")}</button>
        </PostForm>
        <p><a href={BASE}>{t("dashboard.faq.back")}</a></p>
      </Layout>,
      status,
    );
  }

  const notFound = (c: AnyContext) => deny(c, 404, dashboardOf(c).t("dashboard.faq.not_found"), "not_found");

  app.get(BASE, requireStaff(), (c) => {
    const { t } = dashboardOf(c);
    const done = c.req.query("done");
    return list(c, done === "deleted" ? { kind: "ok", text: t("dashboard.faq.deleted") } : done ? { kind: "ok", text: t("dashboard.faq.saved") } : null);
  });

  app.post(BASE, requireStaff(), async (c) => {
    const input = parse(await c.req.parseBody());
    if (!input) return list(c, { kind: "error", text: dashboardOf(c).t("dashboard.faq.incomplete") }, 400);
    try {
      await faq.create(input, actorOf(c));
    } catch (err) {
      if (err instanceof FaqError && err.code === "invalid") return list(c, invalid(c, err), 400, input);
      throw err;
    }
    return c.redirect(`${BASE}?done=1`, 303);
  });

  app.get(`${BASE}/:id`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const entry = await faq.get(idOf(c)).catch((err: unknown) => (err instanceof FaqError ? null : Promise.reject(err)));
    if (!entry) return notFound(c);
    const fromTicket = c.req.query("from_ticket");
    const flash: Flash | null = fromTicket ? { kind: "ok", text: t("dashboard.faq.from_ticket", { id: entry.sourceTicketId ?? "?" }) } : c.req.query("done") ? { kind: "ok", text: t("dashboard.faq.saved") } : null;
    return editPage(c, entry, flash);
  });

  app.post(`${BASE}/:id`, requireStaff(), async (c) => {
    const id = idOf(c);
    const input = parse(await c.req.parseBody());
    if (!input) return editPage(c, { id }, { kind: "error", text: dashboardOf(c).t("dashboard.faq.incomplete") }, 400);
    try {
      await faq.update(id, input, actorOf(c));
    } catch (err) {
      if (err instanceof FaqError && err.code === "not_found") return notFound(c);
      if (err instanceof FaqError && err.code === "invalid") return editPage(c, { id, ...input }, invalid(c, err), 400);
      throw err;
    }
    return c.redirect(`${BASE}/${id}?done=1`, 303);
  });

  for (const [path, published] of [["publish", true], ["unpublish", false]] as const) {
    app.post(`${BASE}/:id/${path}`, requireStaff(), async (c) => {
      try {
        await faq.setPublished(idOf(c), published, actorOf(c));
      } catch (err) {
        if (err instanceof FaqError && err.code === "not_found") return notFound(c);
        throw err;
      }
      return c.redirect(`${BASE}?done=1`, 303);
    });
  }

  app.post(`${BASE}/:id/delete`, requireStaff(), async (c) => {
    try {
      await faq.remove(idOf(c), actorOf(c));
    } catch (err) {
      if (err instanceof FaqError && err.code === "not_found") return notFound(c);
      throw err;
    }
    return c.redirect(`${BASE}?done=deleted`, 303);
  });

  app.post(`${DASHBOARD_BASE}/tickets/:id/faq`, requireStaff(), async (c) => {
    const { t } = dashboardOf(c);
    const ticketId = idOf(c);
    try {
      const entry = await faq.saveFromTicket(ticketId, actorOf(c));
      return c.redirect(`${BASE}/${entry.id}?from_ticket=1`, 303);
    } catch (err) {
      if (err instanceof FaqError && err.code === "not_found") return deny(c, 404, t("dashboard.faq.ticket_not_found"), "not_found");
      if (err instanceof FaqError && err.code === "no_answer") return deny(c, 409, t("dashboard.faq.no_answer"), "no_answer");
      throw err;
    }
  });
}
