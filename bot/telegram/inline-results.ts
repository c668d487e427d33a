// Catalogue hits as inline-mode articles: "@bot laskar" in any chat lists books; picking one posts
// a short card (title, author, year, call number, where it is available) into that chat.
import type { InlineQueryResultArticle } from "grammy/types";
import type { CatalogueHit } from "../../api/catalogue/types.js";
import { formatDate } from "../../api/i18n/format.js";
import { escapeHtml } from "./render-html.js";
import { fillText } from "../channel-texts.js";
import type { TelegramLocale, TelegramTextCatalog } from "./texts.js";

/** "Tersedia di Oebobo (2), Kota (1)", "Sedang dipinjam, kembali 3 Des 2026" or "none available". */
export function availabilityLine(hit: CatalogueHit, texts: TelegramTextCatalog, locale: TelegramLocale): string {
  const here = hit.availability.filter((a) => a.available > 0);
  if (here.length) return fillText(texts.inline.available, { branches: here.map((a) => `${a.branchName} (${a.available})`).join(", ") });
  const due = hit.availability.map((a) => a.nextDue).filter((d): d is string => Boolean(d)).sort()[0];
  return due ? fillText(texts.inline.on_loan, { date: formatDate(locale, due) }) : texts.inline.not_available;
}

function card(hit: CatalogueHit, texts: TelegramTextCatalog, locale: TelegramLocale): string {
  const title = hit.subtitle ? `${hit.title}: ${hit.subtitle}` : hit.title;
  const byline = [hit.authors.join(", "), hit.year ? String(hit.year) : ""].filter(Boolean).join(" · ");
  const lines = [
    `<b>${escapeHtml(title)}</b>`,
    ...(byline ? [escapeHtml(byline)] : []),
    ...(hit.callNumber ? [escapeHtml(fillText(texts.inline.call_number, { callNumber: hit.callNumber }))] : []),
    escapeHtml(availabilityLine(hit, texts, locale)),
    ...(hit.ebookUrl && /^https?:\/\//i.test(hit.ebookUrl) ? [`<a href="${escapeHtml(hit.ebookUrl)}">${escapeHtml(texts.inline.ebook)}</a>`] : []),
  ];
  return lines.join("\n");
}

/** One article per hit; the id is the record id (unique within an answer, as Telegram requires). */
export function inlineResults(hits: CatalogueHit[], texts: TelegramTextCatalog, locale: TelegramLocale): InlineQueryResultArticle[] {
  return hits.map((hit) => ({
    type: "article",
    id: String(hit.id),
    title: hit.year ? `${hit.title} (${hit.year})` : hit.title,
    description: [hit.authors.slice(0, 2).join(", "), availabilityLine(hit, texts, locale)].filter(Boolean).join(" · "),
    input_message_content: { message_text: card(hit, texts, locale), parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  }));
}
