// What the research feature remembers between messages of one patron, in DialogState.ext.research.
import type { Turn } from "../dialog/turn.js";
import type { CslItem } from "./csl-types.js";

/** The last typed book (for "add to list") and the last cited record (for a style change). */
export type ResearchMemory = { typed?: CslItem; lastRecordId?: number };

/** The feature's memory in the turn's state. */
export function memory(turn: Turn): ResearchMemory {
  const m = turn.state.ext.research;
  return m && typeof m === "object" ? (m as ResearchMemory) : {};
}

/** Updates the feature's memory; saved with the state after the turn. */
export function remember(turn: Turn, patch: Partial<ResearchMemory>): void {
  turn.state.ext.research = { ...memory(turn), ...patch };
}
