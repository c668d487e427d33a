// The citation style each patron chose, remembered on Patron.citationStyle.
import type { Db } from "../db/prisma.js";
import { DEFAULT_CITATION_STYLE, toCitationStyle, type CitationStyle } from "./citation-styles.js";

export type StylePreferences = {
  /** The patron's style, APA when none was chosen (or a stored value is no longer known). */
  get(patronId: number): Promise<CitationStyle>;
  set(patronId: number, style: CitationStyle): Promise<void>;
};

/** Style preferences stored in PostgreSQL. */
export function createStylePreferences(db: Db): StylePreferences {
  return {
    async get(patronId) {
      const row = await db.patron.findUnique({ where: { id: patronId }, select: { citationStyle: true } });
      return toCitationStyle(row?.citationStyle) ?? DEFAULT_CITATION_STYLE;
    },
    async set(patronId, style) {
      await db.patron.update({ where: { id: patronId }, data: { citationStyle: style } });
    },
  };
}
