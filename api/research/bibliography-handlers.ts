// The reference list ("daftar pustaka") in the chat. Payloads: bib:add:<recordId>, bib:addtyped,
// bib:view, bib:rm, bib:rm:<entryId>, bib:clear, bib:export:txt|ris|bib, bibclear:yes|no.
import type { IntentRegistry } from "../dialog/intent-registry.js";
import { payload } from "../dialog/intent.js";
import { plain, shorten } from "../dialog/markup.js";
import type { Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import { asDocument, exportBibtex, exportRis } from "./bibliography-export.js";
import { BibliographyFullError, type BibliographyList } from "./bibliography-list.js";
import type { CitationFormatter } from "./citation-formatter.js";
import { CITATION_STYLES, type CitationStyle } from "./citation-styles.js";
import type { CslItem } from "./csl-types.js";
import { menuButton } from "./research-replies.js";
import { memory } from "./research-memory.js";
import type { StylePreferences } from "./style-preference.js";

const CONFIRM_MS = 10 * 60_000;
// How many references the list view shows before pointing to the export.
const LIST_SHOWN = 10;

export type BibliographyHandlerDeps = {
  list: BibliographyList;
  styles: StylePreferences;
  formatter: CitationFormatter;
  /** A catalogue record as CSL-JSON, or null when it is gone. */
  recordItem(recordId: number): Promise<CslItem | null>;
};

/** The reference list in the chat: add, view, remove, clear (after a confirmation) and export. */
export function registerBibliographyHandlers(registry: IntentRegistry, deps: BibliographyHandlerDeps): void {
  const { list, styles, formatter } = deps;
  const styleLabel = (style: CitationStyle) => CITATION_STYLES[style].label;

  async function addToList(turn: Turn, item: CslItem, recordId: number | null): Promise<Reply[]> {
    const title = plain(shorten(item.title, 60));
    try {
      const { added, count } = await list.add(turn.patron.id, item, recordId);
      return [
        {
          text: turn.t(added ? "research.list_added" : "research.list_already", { title, count }),
          buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)],
        },
      ];
    } catch (err) {
      if (err instanceof BibliographyFullError) return [{ text: turn.t("research.list_full", { max: err.max }), buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }] }];
      throw err;
    }
  }

  async function viewList(turn: Turn): Promise<Reply[]> {
    const entries = await list.list(turn.patron.id);
    if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
    const style = await styles.get(turn.patron.id);
    const refs = formatter.bibliography(entries.map((e) => e.item), style, turn.locale);
    const lines = [turn.t("research.list_header", { count: entries.length, style: styleLabel(style) }), "", ...refs.slice(0, LIST_SHOWN).map((r) => r.markup)];
    if (refs.length > LIST_SHOWN) lines.push("", turn.t("research.list_more", { count: refs.length - LIST_SHOWN }));
    return [
      {
        text: lines.join("\n"),
        buttons: [
          { label: turn.t("research.button.export_text"), payload: payload("bib", "export:txt") },
          { label: turn.t("research.button.export_ris"), payload: payload("bib", "export:ris") },
          { label: turn.t("research.button.export_bibtex"), payload: payload("bib", "export:bib") },
          { label: turn.t("research.button.style"), payload: payload("cstyle") },
          { label: turn.t("research.button.bib_remove"), payload: payload("bib", "rm") },
          { label: turn.t("research.button.bib_clear"), payload: payload("bib", "clear") },
          menuButton(turn),
        ],
      },
    ];
  }

  async function exportList(turn: Turn, kind: string): Promise<Reply[]> {
    const entries = await list.list(turn.patron.id);
    if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
    const items = entries.map((e) => e.item);
    if (kind === "ris" || kind === "bib") {
      const file = kind === "ris" ? exportRis(items) : exportBibtex(items);
      return [{ text: turn.t("research.export_file", { format: kind === "ris" ? "RIS" : "BibTeX", count: items.length }), document: asDocument(file) }];
    }
    const style = await styles.get(turn.patron.id);
    const refs = formatter.bibliography(items, style, turn.locale);
    // Plain text, no markup: it is meant to be copied into a document.
    return [{ text: [turn.t("research.export_text_header", { style: styleLabel(style) }), "", ...refs.map((r) => plain(r.text))].join("\n"), buttons: [menuButton(turn)] }];
  }

  registry.handle("bib", async (turn, intent) => {
    const [action = "view", arg] = (intent.arg ?? "view").split(":");
    switch (action) {
      case "add": {
        const recordId = Number(arg);
        const item = await deps.recordItem(recordId);
        if (!item) return [{ text: turn.t("research.record_gone"), buttons: [menuButton(turn)] }];
        return addToList(turn, item, recordId);
      }
      case "addtyped": {
        const { typed } = memory(turn);
        if (!typed) return [{ text: turn.t("error.stale_button"), buttons: [menuButton(turn)] }];
        return addToList(turn, typed, null);
      }
      case "rm": {
        if (arg) {
          const entries = await list.list(turn.patron.id);
          const entry = entries.find((e) => e.id === Number(arg));
          if (!entry || !(await list.remove(turn.patron.id, entry.id))) return [{ text: turn.t("research.list_not_there"), buttons: [menuButton(turn)] }];
          return [
            {
              text: turn.t("research.list_removed", { title: plain(shorten(entry.title, 60)), count: entries.length - 1 }),
              buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)],
            },
          ];
        }
        const entries = await list.list(turn.patron.id);
        if (entries.length === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
        return [
          {
            text: turn.t("research.list_remove_pick"),
            buttons: [
              ...entries.slice(-8).map((e, i, shown) => ({
                label: turn.t("research.button.remove_item", { n: entries.length - shown.length + i + 1, title: shorten(e.title, 28) }),
                payload: payload("bib", `rm:${e.id}`),
              })),
              { label: turn.t("research.button.cancel"), payload: payload("bib", "view") },
            ],
          },
        ];
      }
      case "clear": {
        const count = await list.count(turn.patron.id);
        if (count === 0) return [{ text: turn.t("research.list_empty"), buttons: [menuButton(turn)] }];
        turn.state.pending = { kind: "bibclear", expiresAt: new Date(turn.now.getTime() + CONFIRM_MS).toISOString() };
        return [
          {
            text: turn.t("research.clear_confirm", { count }),
            buttons: [{ label: turn.t("research.button.confirm_clear"), payload: payload("bibclear", "yes") }, { label: turn.t("research.button.cancel"), payload: payload("bibclear", "no") }],
          },
        ];
      }
      case "export":
        return exportList(turn, arg ?? "txt");
      default:
        return viewList(turn);
    }
  });

  registry.handle("bibclear", async (turn, intent) => {
    const pending = turn.state.pending;
    const confirmed = intent.arg === "yes" && pending?.kind === "bibclear" && new Date(pending.expiresAt) > turn.now;
    turn.state.pending = undefined;
    if (!confirmed) return [{ text: turn.t("research.clear_cancelled"), buttons: [{ label: turn.t("research.button.bib_view"), payload: payload("bib", "view") }, menuButton(turn)] }];
    await list.clear(turn.patron.id);
    return [{ text: turn.t("research.cleared"), buttons: [menuButton(turn)] }];
  });
}
