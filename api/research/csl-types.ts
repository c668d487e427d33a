// The subset of CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)
// that books in a public-library catalogue need.

export type CslName = {
  family?: string;
  given?: string;
  /** A name that must never be split: single names (Sukarno), pen names (Tere Liye), organisations. */
  literal?: string;
  "non-dropping-particle"?: string;
  suffix?: string;
};

export type CslDate = { "date-parts": [[number, number?, number?]] };

export type CslItem = {
  id: string;
  type: "book" | "chapter" | "thesis" | "report" | "article-journal" | "webpage" | "map" | "motion_picture" | "song";
  title: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  illustrator?: CslName[];
  contributor?: CslName[];
  issued?: CslDate;
  publisher?: string;
  "publisher-place"?: string;
  edition?: string;
  "collection-title"?: string;
  "collection-number"?: string;
  "number-of-pages"?: string;
  ISBN?: string;
  URL?: string;
  language?: string;
  "call-number"?: string;
};

/** The name roles a catalogue entry can carry, as CSL variables. */
export type NameRole = "author" | "editor" | "translator" | "illustrator" | "contributor";
