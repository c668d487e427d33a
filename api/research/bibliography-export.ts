// RIS and BibTeX files of a bibliography list, for Zotero, Mendeley and EndNote. citation-js
// writes both; BibTeX gets one addition, below.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";
import type { CslItem } from "./csl-types.js";

export type ExportFile = { filename: string; mimeType: string; content: string };

/** RIS (one record per book, "TY  - BOOK" … "ER  -"), translators as A4 as Zotero writes them. */
export function exportRis(items: CslItem[], basename = "daftar-pustaka"): ExportFile {
  const content = items.length ? String(new Cite(items).format("ris")) : "";
  return { filename: `${basename}.ris`, mimeType: "application/x-research-info-systems", content };
}

type BibtexEntry = { type: string; label: string; properties: Record<string, string> };

/**
 * Classic BibTeX (year, address), which every reference manager reads, plus a `translator` field.
 * citation-js's BibTeX mapping drops translators because BibTeX has no such field; BibTeX itself
 * ignores unknown fields, while Zotero, JabRef and BibLaTeX read it. The value is taken from
 * citation-js's own BibLaTeX output, so it is escaped the same way as every other field.
 */
export function exportBibtex(items: CslItem[], basename = "daftar-pustaka"): ExportFile {
  const filename = `${basename}.bib`;
  if (items.length === 0) return { filename, mimeType: "application/x-bibtex", content: "" };
  const cite = new Cite(items);
  const bibtex = cite.format("bibtex", { format: "object" }) as BibtexEntry[];
  const biblatex = cite.format("biblatex", { format: "object" }) as BibtexEntry[];
  const seen = new Map<string, number>();
  const entries = bibtex.map((entry, i) => {
    const translator = biblatex[i]?.properties.translator;
    const properties = translator ? { ...entry.properties, translator } : entry.properties;
    // Two books by one author in one year with the same first title word would share a key.
    const n = seen.get(entry.label) ?? 0;
    seen.set(entry.label, n + 1);
    const label = n === 0 ? entry.label : `${entry.label}${String.fromCharCode(97 + ((n - 1) % 26))}`;
    const fields = Object.entries(properties).map(([k, v]) => `\t${k} = {${v}},\n`).join("");
    return `@${entry.type}{${label},\n${fields}}\n`;
  });
  return { filename, mimeType: "application/x-bibtex", content: entries.join("\n") };
}

/** A file as the Reply document channels send (base64 of UTF-8). */
export function asDocument(file: ExportFile): { filename: string; mimeType: string; base64: string } {
  return { filename: file.filename, mimeType: file.mimeType, base64: Buffer.from(file.content, "utf8").toString("base64") };
}
