import type { Logger } from "../../logger.js";
import type { SearchQuery } from "../dialog-state.js";
import type { IntentRegistry } from "../intent-registry.js";
import { payload, type Intent } from "../intent.js";
import { plain, shorten } from "../markup.js";
import { parseSearch } from "../parse-search.js";
import type { CataloguePort } from "../ports.js";
import type { PurchaseSuggestionStore } from "../purchase-suggestions.js";
import type { Button, Reply } from "../reply.js";
import { detailsReply, resultsReply, type CardText } from "../result-cards.js";
import type { Turn } from "../turn.js";

/** SearchLog.channel of the extra searches made to suggest something after zero hits. */
export const PROBE_CHANNEL = "dialog-probe";

export type SearchHandlerDeps = { catalogue: CataloguePort; suggestions: PurchaseSuggestionStore; pageSize: number; log: Logger };

function menuButton(turn: Turn): Button {
  return { label: turn.t("button.menu"), payload: payload("menu") };
}

function branchName(turn: Turn, code: string | null): string | null {
  if (!code) return null;
  return turn.branches.find((b) => b.code === code)?.shortName ?? code;
}

function cards(turn: Turn): CardText {
  return { t: turn.t, locale: turn.locale, branchLabel: (code, name) => turn.branches.find((b) => b.code === code)?.shortName ?? name };
}

function knownBranch(turn: Turn, code: string | null | undefined): string | null {
  return code && turn.branches.some((b) => b.code === code) ? code : null;
}

/** Catalogue search, paging, details, branch choice, "did you mean", broader search and purchase suggestions. */
export function registerSearchHandlers(registry: IntentRegistry, deps: SearchHandlerDeps): void {
  const { catalogue, pageSize } = deps;

  const zeroHits = async (turn: Turn, query: SearchQuery): Promise<Reply[]> => {
    const { t } = turn;
    // Look for something close: the same words without filters, then fewer words.
    const words = query.q.split(/\s+/).filter(Boolean);
    const candidates: { query: SearchQuery; kind: "filters" | "words" }[] = [];
    if (query.branch || query.available) candidates.push({ query: { q: query.q, branch: null, available: false }, kind: "filters" });
    if (words.length > 1) candidates.push({ query: { q: words.slice(0, -1).join(" "), branch: null, available: false }, kind: "words" });
    if (words.length > 2) {
      const longest = [...words].sort((a, b) => b.length - a.length)[0]!;
      candidates.push({ query: { q: longest, branch: null, available: false }, kind: "words" });
    }
    let found: { query: SearchQuery; kind: "filters" | "words"; titles: string[]; total: number } | null = null;
    for (const c of candidates) {
      // Tagged so the zero-result and top-query reports can leave these helper searches out.
      const r = await catalogue.search({ q: c.query.q, page: 1, limit: 3, channel: PROBE_CHANNEL });
      if (r.total > 0) {
        found = { ...c, titles: [...new Set(r.hits.map((h) => h.title))].slice(0, 2), total: r.total };
        break;
      }
    }
    const seq = turn.state.seq + 1;
    turn.state.seq = seq;
    turn.state.search = { ...query, seq, page: 1, total: 0 };
    turn.state.broader = found?.query;
    turn.state.suggestions = found?.kind === "words" ? found.titles : undefined;
    turn.state.misses += 1;

    const filters = (query.branch ? t("search.filter_branch", { branch: plain(branchName(turn, query.branch) ?? "") }) : "") + (query.available ? t("search.filter_available") : "");
    const lines = [t("search.none", { query: plain(shorten(query.q, 60)), filters })];
    const buttons: Button[] = [];
    if (found?.kind === "filters") {
      lines.push(t("search.found_elsewhere", { total: found.total }));
      buttons.push({ label: t("button.all_branches_results"), payload: payload("broader") });
    } else if (found) {
      lines.push(t("search.did_you_mean", { titles: found.titles.map((x) => `“${plain(shorten(x, 60))}”`).join(t("search.or")) }));
      found.titles.forEach((title, i) => buttons.push({ label: t("button.did_you_mean", { title: shorten(title, 30) }), payload: payload("dym", i) }));
      buttons.push({ label: t("button.broader", { query: shorten(found.query.q, 24) }), payload: payload("broader") });
    } else {
      lines.push(t("search.tips"));
    }
    lines.push(t("search.offer_help"));
    buttons.push({ label: t("button.suggest_purchase"), payload: payload("buy") });
    buttons.push({ label: t("button.ask_librarian"), payload: payload("librarian") });
    return [{ text: lines.join("\n\n"), buttons }];
  };

  const run = async (turn: Turn, query: SearchQuery, page: number, edit: boolean): Promise<Reply[]> => {
    const result = await catalogue.search({
      q: query.q,
      ...(query.branch ? { branch: query.branch } : {}),
      ...(query.available ? { available: true } : {}),
      page,
      limit: pageSize,
      channel: turn.msg.channel,
    });
    if (result.total === 0) return zeroHits(turn, query);
    if (result.hits.length === 0) return [{ text: turn.t("search.no_more"), buttons: [{ label: turn.t("button.first_page"), payload: payload("page", `${turn.state.search?.seq ?? 0}.1`) }] }];
    const isNew = !edit || turn.state.search === undefined;
    const seq = isNew ? turn.state.seq + 1 : turn.state.search!.seq;
    turn.state.seq = Math.max(turn.state.seq, seq);
    turn.state.search = { ...query, seq, page, total: result.total };
    turn.state.suggestions = undefined;
    turn.state.broader = undefined;
    turn.state.misses = 0;
    return [resultsReply({ hits: result.hits, search: turn.state.search, pageSize, branchName: branchName(turn, query.branch), edit }, cards(turn))];
  };

  registry.handle("search", async (turn, intent) => {
    let query: SearchQuery | null = intent.search ?? (intent.arg ? parseSearch(intent.arg, turn.branches) : null);
    const previous = turn.state.search;
    if (query && !query.q && (query.branch || query.available) && previous?.q) {
      // A follow-up such as "ada yg tersedia di Oebobo?" narrows the last search.
      query = { q: previous.q, branch: query.branch ?? previous.branch, available: query.available || previous.available };
    }
    if (!query || !query.q) return [{ text: turn.t("search.ask_what"), buttons: [{ label: turn.t("button.search_examples"), payload: payload("examples") }, menuButton(turn)] }];
    query = { ...query, q: shorten(query.q, 200), branch: knownBranch(turn, query.branch) };
    return run(turn, query, 1, false);
  });

  registry.handle("page", async (turn, intent: Intent) => {
    const [seqText, pageText] = (intent.arg ?? "").split(".");
    const seq = Number(seqText);
    const page = Number(pageText);
    const current = turn.state.search;
    if (!current || current.seq !== seq || !Number.isInteger(page) || page < 1) {
      return [{ text: turn.t("search.stale"), buttons: [menuButton(turn)] }];
    }
    return run(turn, current, page, true);
  });

  registry.handle("details", async (turn, intent) => {
    const id = Number(intent.arg);
    const record = Number.isInteger(id) && id > 0 ? await catalogue.record(id) : null;
    if (!record) return [{ text: turn.t("details.not_found"), buttons: [menuButton(turn)] }];
    const current = turn.state.search;
    const back = current && current.total > 0 ? { label: turn.t("button.back_to_results"), payload: payload("page", `${current.seq}.${current.page}`) } : null;
    return [detailsReply(record, cards(turn), back)];
  });

  registry.handle("branches", async (turn) => {
    const current = turn.state.search;
    if (!current) return [{ text: turn.t("search.ask_what"), buttons: [menuButton(turn)] }];
    const buttons: Button[] = turn.branches.filter((b) => b.code !== current.branch).map((b) => ({ label: b.shortName, payload: payload("branch", b.code) }));
    if (current.branch) buttons.push({ label: turn.t("button.all_branches"), payload: payload("branch", "*") });
    return [{ text: turn.t("search.pick_branch", { query: plain(shorten(current.q, 60)) }), buttons }];
  });

  registry.handle("branch", async (turn, intent) => {
    const current = turn.state.search;
    if (!current) return [{ text: turn.t("search.ask_what"), buttons: [menuButton(turn)] }];
    const code = intent.arg === "*" ? null : knownBranch(turn, intent.arg);
    return run(turn, { q: current.q, branch: code, available: current.available }, 1, false);
  });

  registry.handle("broader", async (turn) => {
    const broader = turn.state.broader;
    if (!broader) return [{ text: turn.t("search.stale"), buttons: [menuButton(turn)] }];
    return run(turn, broader, 1, false);
  });

  registry.handle("dym", async (turn, intent) => {
    const q = turn.state.suggestions?.[Number(intent.arg)];
    if (!q) return [{ text: turn.t("search.stale"), buttons: [menuButton(turn)] }];
    return run(turn, { q, branch: null, available: false }, 1, false);
  });

  registry.handle("buy", async (turn) => {
    const current = turn.state.search;
    if (!current?.q) return [{ text: turn.t("search.ask_what"), buttons: [menuButton(turn)] }];
    const fresh = await deps.suggestions.record({ patronId: turn.patron.id, query: current.q, branchCode: current.branch, channel: turn.msg.channel, now: turn.now });
    const key = fresh ? "suggestion.recorded" : "suggestion.already";
    return [{ text: turn.t(key, { query: plain(shorten(current.q, 80)) }), buttons: [menuButton(turn)] }];
  });
}
