// The body of the ticket page: the question and everything said since, the chat before it, the
// patron's earlier tickets, the audit trail, and the action forms that fit the ticket's state.
// All user text goes through JSX, which escapes it.
import type { TicketDetail } from "../inbox/ticket-types.js";
import { DASHBOARD_BASE, dashboardOf, sessionOf, type AnyContext } from "./dashboard-context.js";
import { excerpt, formatDateTime } from "./format.js";
import { PostForm } from "./layout.js";
import type { MessageKey } from "../i18n/messages.js";

// Audit actions with a wording of their own; any other action is shown as recorded.
const AUDIT_LABELS: Record<string, MessageKey> = {
  "ticket.claim": "dashboard.audit.claim",
  "ticket.answer": "dashboard.audit.answer",
  "ticket.note": "dashboard.audit.note",
  "ticket.transfer": "dashboard.audit.transfer",
  "ticket.close": "dashboard.audit.close",
  "ticket.reopen": "dashboard.audit.reopen",
  "faq.save_from_ticket": "dashboard.audit.faq",
};

export type TicketViewData = {
  detail: TicketDetail;
  branches: { code: string; name: string }[];
  staff: { id: number; name: string; branchCode: string | null }[];
  canned: { id: number; title: string; locale: string }[];
  timeZone: string;
  now: Date;
  /** Text to put in the answer box (after "Pakai", or an answer that was refused). */
  draft: string;
};

function AnswerForm(props: { c: AnyContext; data: TicketViewData }) {
  const { t } = dashboardOf(props.c);
  const { detail, canned, draft } = props.data;
  const base = `${DASHBOARD_BASE}/tickets/${detail.id}`;
  return (
    <PostForm c={props.c} action={`${base}/answer`} class="stack">
      <label for="answer-text">{t("dashboard.ticket.answer_label")}</label>
      <textarea id="answer-text" name="text" rows={8} maxlength={4000}>{draft}</textarea>
      {canned.length > 0 ? (
        <div class="row">
          <div>
            <label for="canned">{t("dashboard.ticket.canned_label")}</label>
            <select id="canned" name="canned">
              {canned.map((a) => <option value={String(a.id)}>{`${a.title} (${a.locale})`}</option>)}
            </select>
          </div>
          <button type="submit" class="secondary" formaction={`${base}/compose`}>{t("dashboard.ticket.canned_use")}</button>
        </div>
      ) : null}
      <p class="meta">{t("dashboard.ticket.answer_hint", { locale: detail.locale })}</p>
      <div><button type="submit">{t("dashboard.ticket.answer_submit")}</button></div>
    </PostForm>
  );
}

function Actions(props: { c: AnyContext; data: TicketViewData }) {
  const { t } = dashboardOf(props.c);
  const me = sessionOf(props.c).staff;
  const { detail, branches, staff } = props.data;
  const base = `${DASHBOARD_BASE}/tickets/${detail.id}`;
  const waiting = detail.status === "open" || detail.status === "claimed";
  const mine = detail.assignee?.id === me.id;
  return (
    <section class="actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t("dashboard.ticket.actions")}</h2>
      {detail.status === "open" ? (
        <PostForm c={props.c} action={`${base}/claim`}>
          <button type="submit">{t("dashboard.ticket.claim")}</button>
        </PostForm>
      ) : null}
      {detail.status === "claimed" && !mine ? <p>{t("dashboard.ticket.claimed_by", { name: detail.assignee?.name ?? "?" })}</p> : null}
      {waiting || detail.status === "answered" ? <AnswerForm c={props.c} data={props.data} /> : null}
      {detail.answer ? (
        // "Simpan sebagai FAQ" (api/faq/faq-pages.tsx): saving twice opens the entry saved the first time.
        <PostForm c={props.c} action={`${base}/faq`} label={t("dashboard.faq.save_from_ticket")}>
          <p class="meta">{t("dashboard.faq.save_from_ticket_hint")}</p>
          <button type="submit" class="secondary">{t("dashboard.faq.save_from_ticket")}</button>
        </PostForm>
      ) : null}
      <PostForm c={props.c} action={`${base}/note`} class="stack">
        <label for="note-text">{t("dashboard.ticket.note_label")}</label>
        <textarea id="note-text" name="text" rows={3} maxlength={4000}></textarea>
        <div><button type="submit" class="secondary">{t("dashboard.ticket.note_submit")}</button></div>
      </PostForm>
      {waiting ? (
        <PostForm c={props.c} action={`${base}/transfer`} class="row">
          <div>
            <label for="transfer-to">{t("dashboard.ticket.transfer_label")}</label>
            <select id="transfer-to" name="to">
              <optgroup label={t("dashboard.ticket.transfer_branches")}>
                {branches.filter((b) => b.code !== detail.branchCode).map((b) => <option value={`branch:${b.code}`}>{`${b.name} (${b.code})`}</option>)}
              </optgroup>
              <optgroup label={t("dashboard.ticket.transfer_staff")}>
                {staff.filter((s) => s.id !== detail.assignee?.id).map((s) => <option value={`staff:${s.id}`}>{s.branchCode ? `${s.name} (${s.branchCode})` : s.name}</option>)}
              </optgroup>
            </select>
          </div>
          <button type="submit" class="secondary">{t("dashboard.ticket.transfer_submit")}</button>
        </PostForm>
      ) : null}
      {/* A ticket the patron cancelled stays cancelled: the service refuses to reopen it. */}
      {detail.status === "closed" ? (
        <PostForm c={props.c} action={`${base}/reopen`}>
          <button type="submit" class="secondary">{t("dashboard.ticket.reopen")}</button>
        </PostForm>
      ) : detail.status !== "cancelled" ? (
        <PostForm c={props.c} action={`${base}/close`}>
          <button type="submit" class="danger">{t("dashboard.ticket.close")}</button>
        </PostForm>
      ) : null}
    </section>
  );
}

/** The ticket page content (inside the Layout). */
export function TicketView(props: { c: AnyContext; data: TicketViewData }) {
  const { t, locale } = dashboardOf(props.c);
  const { detail, timeZone } = props.data;
  const when = (d: Date) => formatDateTime(locale, d, timeZone);
  return (
    <div class="grid">
      <div>
        <dl class="facts">
          <dt>{t("dashboard.ticket.status")}</dt>
          <dd>{t(`dashboard.status.${detail.status}`)}{detail.assignee ? ` · ${detail.assignee.name}` : ""}</dd>
          <dt>{t("dashboard.queue.col_channel")}</dt>
          <dd>{detail.channel}</dd>
          <dt>{t("dashboard.ticket.locale")}</dt>
          <dd>{detail.locale}</dd>
          <dt>{t("dashboard.queue.col_branch")}</dt>
          <dd>{detail.branchCode}</dd>
          <dt>{t("dashboard.ticket.patron")}</dt>
          <dd>{detail.patronName ?? t("dashboard.ticket.patron_unnamed", { id: detail.patronId })}</dd>
          <dt>{t("dashboard.ticket.reason")}</dt>
          <dd>{t(`dashboard.reason.${detail.reason}`)}</dd>
          <dt>{t("dashboard.ticket.created")}</dt>
          <dd>{when(detail.createdAt)}</dd>
          <dt>{t("dashboard.queue.col_due")}</dt>
          <dd>
            {when(detail.dueAt)}
            {detail.overdue ? <> <strong class="badge badge-overdue">{t("dashboard.queue.overdue")}</strong></> : null}
          </dd>
          {detail.rating !== null ? (
            <>
              <dt>{t("dashboard.ticket.rating")}</dt>
              <dd>{`${detail.rating}/5`}{detail.ratingComment ? ` — ${detail.ratingComment}` : ""}</dd>
            </>
          ) : null}
        </dl>
        <h2>{t("dashboard.ticket.question")}</h2>
        <div class="msg"><p class="text" id="question">{detail.question}</p></div>
        {detail.messages.length > 0 ? (
          <section aria-labelledby="thread-h">
            <h2 id="thread-h">{t("dashboard.ticket.thread")}</h2>
            {detail.messages.map((m) => (
              <div class={`msg msg-${m.kind}`}>
                <p class="meta">{`${t(`dashboard.message_kind.${m.kind}`)}${m.staffName ? ` · ${m.staffName}` : ""} · ${when(m.createdAt)}`}</p>
                <p class="text">{m.text}</p>
              </div>
            ))}
          </section>
        ) : null}
        <Actions c={props.c} data={props.data} />
      </div>
      <aside>
        <section aria-labelledby="chat-h">
          <h2 id="chat-h">{t("dashboard.ticket.recent_chat")}</h2>
          {detail.recentChat.length === 0 ? <p class="meta">{t("dashboard.ticket.none")}</p> : (
            <ol class="plain">
              {detail.recentChat.map((m) => (
                <li class="msg">
                  <p class="meta">{`${t(m.direction === "in" ? "dashboard.ticket.chat_in" : "dashboard.ticket.chat_out")} · ${when(m.createdAt)}`}</p>
                  <p class="text">{excerpt(m.text, 600)}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="prev-h">
          <h2 id="prev-h">{t("dashboard.ticket.previous")}</h2>
          {detail.previous.length === 0 ? <p class="meta">{t("dashboard.ticket.none")}</p> : (
            <ul>
              {detail.previous.map((p) => (
                <li>
                  <a href={`${DASHBOARD_BASE}/tickets/${p.id}`}>#{p.id}</a> {excerpt(p.question, 80)} <span class="meta">({t(`dashboard.status.${p.status}`)}, {when(p.createdAt)})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="audit-h">
          <h2 id="audit-h">{t("dashboard.ticket.audit")}</h2>
          {detail.audit.length === 0 ? <p class="meta">{t("dashboard.ticket.none")}</p> : (
            <ul>
              {detail.audit.map((a) => (
                <li><span class="meta">{when(a.createdAt)}</span> {a.staffName ?? "—"}: {AUDIT_LABELS[a.action] ? t(AUDIT_LABELS[a.action]!) : a.action}</li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}
