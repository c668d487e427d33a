import type { Availability, CatalogueHit } from "../catalogue/types.js";
import { formatDate } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { MessageKey, MessageParams } from "../i18n/messages.js";
import type { CurrentSearch } from "./dialog-state.js";
import { payload } from "./intent.js";
import { link, plain, shorten } from "./markup.js";
import type { CatalogueRecordView } from "./ports.js";
import type { Button, Reply } from "./reply.js";

export type CardText = {
  t(key: MessageKey, params?: MessageParams): string;
  locale: Locale;
  /** A short branch name for cards ("Cabang Oebobo"); defaults to the catalogue's name. */
  branchLabel?(code: string, name: string): string;
};

function label(ctx: CardText, a: Availability): string {
  return plain(ctx.branchLabel?.(a.branch, a.branchName) ?? a.branchName);
}

function earliestDue(rows: Availability[]): Availability | null {
  return rows.filter((a) => a.nextDue).sort((a, b) => (a.nextDue! < b.nextDue! ? -1 : 1))[0] ?? null;
}

/** One or two lines: where a copy is on the shelf, and when one comes back. */
export function availabilityLines(hit: CatalogueHit, ctx: CardText, branchFilter: string | null): string[] {
  const { t, locale } = ctx;
  const lines: string[] = [];
  const onShelf = hit.availability.filter((a) => a.available > 0);
  const here = branchFilter ? hit.availability.find((a) => a.branch === branchFilter) : undefined;
  if (onShelf.length > 0) {
    const names = onShelf.map((a) => (a.available > 1 ? `${label(ctx, a)} (${a.available})` : label(ctx, a))).join(", ");
    lines.push(t("card.available", { branches: names }));
  }
  // The due date matters where the user asked, or everywhere when nothing is on a shelf.
  const dueFrom = here && here.available === 0 ? [here] : onShelf.length === 0 ? hit.availability : [];
  const due = earliestDue(dueFrom);
  if (due) lines.push(t("card.on_loan_due", { branch: label(ctx, due), date: formatDate(locale, due.nextDue!) }));
  else if (onShelf.length === 0 && hit.availability.some((a) => a.total > 0)) lines.push(t("card.on_loan"));
  if (hit.ebookUrl) lines.push(t("card.ebook"));
  else if (hit.availability.every((a) => a.total === 0)) lines.push(t("card.no_copies"));
  return lines;
}

/** A short card: number and title, author and year, call number, availability. */
export function hitCard(hit: CatalogueHit, n: number, ctx: CardText, branchFilter: string | null): string {
  const { t } = ctx;
  const title = plain(shorten(hit.title, 90));
  const lines = [t("card.title", { n, title }) + (hit.year ? t("card.year", { year: hit.year }) : "")];
  const who = hit.authors.length > 0 ? plain(shorten(hit.authors.slice(0, 2).join("; "), 60)) + (hit.authors.length > 2 ? t("card.et_al") : "") : "";
  const call = hit.callNumber ? t("card.call_number", { callNumber: plain(hit.callNumber) }) : "";
  const meta = [who, call].filter(Boolean).join(" · ");
  if (meta) lines.push(meta);
  lines.push(...availabilityLines(hit, ctx, branchFilter));
  return lines.join("\n");
}

/** The search results message with detail, paging and branch buttons. */
export function resultsReply(
  opts: { hits: CatalogueHit[]; search: CurrentSearch; pageSize: number; branchName: string | null; edit: boolean },
  ctx: CardText,
): Reply {
  const { t } = ctx;
  const { hits, search, pageSize } = opts;
  const from = (search.page - 1) * pageSize + 1;
  const to = from + hits.length - 1;
  const filters =
    (opts.branchName ? t("search.filter_branch", { branch: plain(opts.branchName) }) : "") + (search.available ? t("search.filter_available") : "");
  const header = t("search.header", { total: search.total, query: plain(shorten(search.q, 60)), filters, from, to });
  // Cards are numbered 1..n on every page and the detail buttons come first in the same order, so a
  // WhatsApp user who answers "2" (numbered choices) opens card 2 on any page.
  const cards = hits.map((h, i) => hitCard(h, i + 1, ctx, search.branch));
  const buttons: Button[] = hits.map((h) => ({ label: t("button.details", { title: shorten(h.title, 28) }), payload: payload("details", h.id) }));
  if (search.page > 1) buttons.push({ label: t("button.previous"), payload: payload("page", `${search.seq}.${search.page - 1}`) });
  if (to < search.total) buttons.push({ label: t("button.next"), payload: payload("page", `${search.seq}.${search.page + 1}`) });
  buttons.push({ label: t("button.other_branch"), payload: payload("branches") });
  return { text: [header, ...cards].join("\n\n"), buttons, ...(opts.edit ? { edit: true } : {}) };
}

/** The details of one record: full description, availability per branch, e-book link. */
export function detailsReply(record: CatalogueRecordView, ctx: CardText, back: Button | null): Reply {
  const { t, locale } = ctx;
  const lines: string[] = [`*${plain(record.title)}*`];
  if (record.subtitle) lines.push(`_${plain(record.subtitle)}_`);
  if (record.authors.length > 0) lines.push(plain(record.authors.join("; ")));
  const published = [record.publisher, record.place, record.year?.toString(), record.edition].filter(Boolean).map((s) => plain(String(s)));
  if (published.length > 0) lines.push(published.join(", "));
  const isbn = record.isbn ?? record.isbns?.[0];
  if (isbn) lines.push(t("details.isbn", { isbn: plain(isbn) }));
  if (record.callNumber) lines.push(t("details.call_number", { callNumber: plain(record.callNumber) }));
  if (record.subjects && record.subjects.length > 0) lines.push(t("details.subjects", { subjects: plain(record.subjects.slice(0, 5).join(", ")) }));

  const where: string[] = [];
  for (const a of record.availability) {
    if (a.total === 0) continue;
    if (a.available > 0) where.push(t("details.branch_available", { branch: label(ctx, a), available: a.available, total: a.total }));
    else if (a.nextDue) where.push(t("details.branch_due", { branch: label(ctx, a), date: formatDate(locale, a.nextDue) }));
    else where.push(t("details.branch_unavailable", { branch: label(ctx, a) }));
  }
  lines.push("", t("details.availability_heading"), ...(where.length > 0 ? where : [t("details.no_copies")]));
  if (record.ebookUrl) lines.push("", link(t("details.ebook_link"), record.ebookUrl));
  if (record.summary) lines.push("", plain(shorten(record.summary, 400)));

  const buttons: Button[] = [];
  if (back) buttons.push(back);
  buttons.push({ label: t("button.menu"), payload: payload("menu") });
  return { text: lines.join("\n"), buttons };
}
