import { extractAvailability } from "./availability-match.js";
import { extractBranch, type BranchRef } from "./branch-match.js";
import { quotedPhrase, stripChatWords } from "./chat-words.js";
import type { SearchQuery } from "./dialog-state.js";
import { tokenize } from "./normalize-text.js";

/** Turns "ada yg tersedia di Oebobo?" or "nyari novel pramoedya" into a query and its filters. */
export function parseSearch(raw: string, branches: BranchRef[]): SearchQuery {
  const quoted = quotedPhrase(raw);
  const { code, tokens: afterBranch } = extractBranch(tokenize(raw), branches);
  const { available, tokens: afterAvailability } = extractAvailability(afterBranch);
  const q = quoted ?? stripChatWords(afterAvailability).join(" ");
  return { q, branch: code, available };
}
