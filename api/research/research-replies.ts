// Reply texts of the research feature, built from prompts/messages (keys under "research").
import type { Availability, CatalogueHit } from "../catalogue/types.js";
import { payload } from "../dialog/intent.js";
import { plain, shorten } from "../dialog/markup.js";
import type { Button, Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import { formatDate } from "../i18n/format.js";
import type { ResearchGuidance } from "./research-guidance.js";

/** Where a record can be had now: branches with a copy on the shelf, else the earliest due date, else the e-book. */
export function whereText(turn: Turn, record: { availability: Availability[]; ebookUrl?: string | null }): string {
  const shortName = (a: Availability) => turn.branches.find((b) => b.code === a.branch)?.shortName ?? a.branchName;
  const onShelf = record.availability.filter((a) => a.available > 0).map((a) => plain(shortName(a)));
  if (onShelf.length > 0) return turn.t("research.where_available", { branches: onShelf.join(", ") });
  if (record.ebookUrl) return turn.t("research.where_ebook");
  const due = record.availability.map((a) => a.nextDue).filter((d): d is string => Boolean(d)).sort()[0];
  if (due) return turn.t("research.where_due", { date: formatDate(turn.locale, due) });
  return turn.t("research.where_none");
}

export const menuButton = (turn: Turn): Button => ({ label: turn.t("button.menu"), payload: payload("menu") });

/** The rule-based research guidance, with the model's grounded advice on top when there is some. */
export function guidanceReply(turn: Turn, g: ResearchGuidance, advice: { text: string; usedRecordIds: number[] } | null): Reply {
  const t = turn.t;
  const lines: string[] = [t("research.guide_header", { topic: plain(shorten(g.topic, 80)) })];
  if (advice) {
    // The model's "[R2]" tags become the numbers of the list below.
    const numbered = advice.text.replace(/\[R(\d+)\]/gi, "[$1]");
    lines.push("", numbered);
    const numbers = advice.usedRecordIds.map((id) => g.records.findIndex((r) => r.id === id) + 1).filter((n) => n > 0);
    if (numbers.length > 0) lines.push(t("research.guide_advice_sources", { numbers: numbers.join(", ") }));
  }
  lines.push("", t("research.guide_keywords_id", { terms: plain(g.terms.indonesian.join(", ")) }));
  if (g.terms.english.length > 0) lines.push(t("research.guide_keywords_en", { terms: plain(g.terms.english.join(", ")) }));
  if (g.terms.synonyms.length > 0) lines.push(t("research.guide_synonyms", { terms: plain(g.terms.synonyms.join(", ")) }));
  if (g.relatedSubjects.length > 0) lines.push(t("research.guide_subjects", { subjects: plain(g.relatedSubjects.join("; ")) }));

  lines.push("");
  if (g.records.length > 0) {
    lines.push(t("research.guide_records_header", { total: g.total }));
    g.records.forEach((r: CatalogueHit, i) => {
      lines.push(t("research.guide_record", { n: i + 1, title: plain(shorten(r.title, 70)), year: r.year ? ` (${r.year})` : "", where: whereText(turn, r) }));
    });
  } else {
    lines.push(t("research.guide_no_records"));
  }
  // A topic that already names a place is narrowed by period, others by place.
  const hasPlace = g.terms.otherWords.length > 0 || /\b(ntt|nusa tenggara|kupang|flores|timor|sumba|rote|alor|lembata|sabu)\b/i.test(g.topic);
  const example = t(hasPlace ? "research.guide_example_period" : "research.guide_example_place", { topic: g.topic });
  lines.push("", t("research.guide_tip_narrow", { example: plain(shorten(example, 60)) }), t("research.guide_tip_elsewhere"));

  const buttons: Button[] = g.records.slice(0, 3).map((r, i) => ({ label: t("research.button.record", { n: i + 1, title: shorten(r.title, 26) }), payload: payload("details", r.id) }));
  if (g.records.length === 0) buttons.push({ label: t("button.ask_librarian"), payload: payload("librarian") });
  buttons.push({ label: t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn));
  return { text: lines.join("\n"), buttons };
}
