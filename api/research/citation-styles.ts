// The six styles students are asked for, mapped to real CSL styles from the CSL repository.
// Registered in citation-js under our own names ("tp-apa"), so the styles citation-js bundles
// (an older APA among them) can never be picked by accident.

export const CITATION_STYLE_KEYS = ["apa", "mla", "chicago", "ieee", "harvard", "vancouver"] as const;

export type CitationStyle = (typeof CITATION_STYLE_KEYS)[number];

export const DEFAULT_CITATION_STYLE: CitationStyle = "apa";

export type StyleInfo = {
  /** Id of the style in the CSL repository. */
  cslId: string;
  /** Name shown on buttons and in replies. */
  label: string;
  /** CSL locale for English users: the style's own default where it has one (Cite Them Right is British). */
  englishLocale: "en-US" | "en-GB";
};

export const CITATION_STYLES: Record<CitationStyle, StyleInfo> = {
  apa: { cslId: "apa", label: "APA 7", englishLocale: "en-US" },
  mla: { cslId: "modern-language-association", label: "MLA 9", englishLocale: "en-US" },
  chicago: { cslId: "chicago-author-date", label: "Chicago (author-date)", englishLocale: "en-US" },
  ieee: { cslId: "ieee", label: "IEEE", englishLocale: "en-US" },
  harvard: { cslId: "harvard-cite-them-right", label: "Harvard", englishLocale: "en-GB" },
  vancouver: { cslId: "vancouver", label: "Vancouver", englishLocale: "en-US" },
};

/** The name a style is registered under in citation-js. */
export const registeredName = (style: CitationStyle): string => `tp-${style}`;

/** Reads "apa", "APA 7", "mla9", "chicago", "Harvard" … as a style key; null when it is none of the six. */
export function toCitationStyle(text: string | null | undefined): CitationStyle | null {
  if (!text) return null;
  const t = text.toLowerCase().replace(/[^a-z]/g, "");
  if (!t) return null;
  for (const key of CITATION_STYLE_KEYS) if (t === key || t.startsWith(key)) return key;
  if (t.startsWith("modernlanguage")) return "mla";
  if (t.startsWith("turabian")) return "chicago";
  return null;
}
