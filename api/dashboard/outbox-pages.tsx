// Failed deliveries (admins only): outbox items that ran out of attempts, with their error, and a
// "retry" button that puts one back in the queue. Recipients are masked (patron privacy): an admin
// needs to tell items apart, not to read phone numbers.
import type { Hono } from "hono";
import type { AuditLog } from "../inbox/audit-log.js";
import { OutboxItemNotFoundError, OutboxNotFailedError } from "../outbox/outbox-errors.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import { requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "./dashboard-context.js";
import { excerpt, formatDateTime } from "./format.js";
import { Layout, PostForm, type Flash } from "./layout.js";
import { maskDigits, maskRecipient } from "./mask-recipient.js";

export const OUTBOX_PATH = `${DASHBOARD_BASE}/outbox`;

/** Items shown at once; older failures stay in the table and come up as newer ones are retried. */
const PAGE_SIZE = 200;

export type OutboxPagesDeps = { outbox: OutboxService; audit: AuditLog; /** Zone the times are shown in. */ timeZone: string };

/** GET /staff/outbox and POST /staff/outbox/:id/retry (admins only; the guard checks CSRF). */
export function registerOutboxPages(app: Hono<any>, deps: OutboxPagesDeps): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const admin = requireStaff({ role: "admin" });

  async function page(c: AnyContext, flash: Flash | null, status: 200 | 404 | 409 = 200) {
    const { t, locale } = dashboardOf(c);
    const items = await deps.outbox.list({ status: "failed", limit: PAGE_SIZE });
    return c.html(
      <Layout c={c} title={t("dashboard.outbox.title")} active="outbox" flash={flash}>
        <p class="meta">{t("dashboard.outbox.hint")}</p>
        {items.length === 0 ? <p>{t("dashboard.outbox.none")}</p> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.outbox.col_id")}</th>
                <th scope="col">{t("dashboard.queue.col_channel")}</th>
                <th scope="col">{t("dashboard.outbox.col_recipient")}</th>
                <th scope="col">{t("dashboard.outbox.col_attempts")}</th>
                <th scope="col">{t("dashboard.outbox.col_error")}</th>
                <th scope="col">{t("dashboard.outbox.col_created")}</th>
                <th scope="col">{t("dashboard.canned.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <td>{`#${item.id}`}{item.dedupeKey ? <div class="meta">{maskDigits(item.dedupeKey)}</div> : null}</td>
                  <td>{item.channel}</td>
                  <td>{maskRecipient(item.recipient)}</td>
                  <td>{item.attempts}</td>
                  <td class="text">{item.error ? excerpt(maskDigits(item.error), 300) : "—"}</td>
                  <td>{formatDateTime(locale, item.createdAt, deps.timeZone)}</td>
                  <td>
                    <PostForm c={c} action={`${OUTBOX_PATH}/${item.id}/retry`} class="inline">
                      <button type="submit" class="secondary" aria-label={t("dashboard.outbox.retry_named", { id: item.id })}>{t("dashboard.outbox.retry")}</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
      status,
    );
  }

  app.get(OUTBOX_PATH, admin, (c) => {
    const done = Number(c.req.query("retried"));
    const flash: Flash | null = Number.isInteger(done) && done > 0 ? { kind: "ok", text: dashboardOf(c).t("dashboard.outbox.retried", { id: done }) } : null;
    return page(c, flash);
  });

  app.post(`${OUTBOX_PATH}/:id{[0-9]+}/retry`, admin, async (c) => {
    const { t } = dashboardOf(c);
    const id = Number(c.req.param("id"));
    try {
      const item = await deps.outbox.retry(id);
      await deps.audit.record({ staffId: sessionOf(c).staff.id, action: "outbox.retry", detail: { outboxId: id, channel: item.channel } });
    } catch (err) {
      if (err instanceof OutboxNotFailedError) return page(c, { kind: "error", text: t("dashboard.outbox.not_failed", { id }) }, 409);
      if (err instanceof OutboxItemNotFoundError) return page(c, { kind: "error", text: t("dashboard.outbox.not_found", { id }) }, 404);
      throw err;
    }
    return c.redirect(`${OUTBOX_PATH}?retried=${id}`, 303);
  });
}
