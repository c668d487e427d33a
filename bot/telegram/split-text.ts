// Telegram rejects texts over 4,096 characters. Replies are cut at line breaks (markup spans never
// cross one, see render-html.ts), a line that alone is too long at spaces, and a single huge word
// by characters. Nothing is dropped. The limit is applied to the rendered HTML, which is never
// shorter than what Telegram counts, so every chunk is accepted.
import { renderHtml } from "./render-html.js";

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

const renderedLength = (markup: string) => renderHtml(markup).length;

// Rendered length never shrinks as units are added, so the longest fitting run of units (words,
// or characters of one huge word) is found by bisection instead of re-rendering after each one.
function longestFit(units: string[], start: number, limit: number): number {
  let lo = start + 1;
  let hi = Math.min(units.length, start + limit);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (renderedLength(units.slice(start, mid).join("")) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function splitLongLine(line: string, limit: number): string[] {
  const words = line.split(/(?<= )/);
  const pieces: string[] = [];
  let start = 0;
  while (start < words.length) {
    const word = words[start]!;
    if (renderedLength(word) > limit) {
      const chars = Array.from(word);
      for (let c = 0; c < chars.length; ) {
        const end = longestFit(chars, c, limit);
        pieces.push(chars.slice(c, end).join(""));
        c = end;
      }
      start += 1;
      continue;
    }
    const end = longestFit(words, start, limit);
    pieces.push(words.slice(start, end).join(""));
    start = end;
  }
  return pieces.map((p) => p.trimEnd()).filter((p) => p.trim());
}

/** Cuts markup into chunks whose Telegram HTML fits `limit`, at line breaks where possible. */
export function splitText(markup: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (renderedLength(markup) <= limit) return markup.trim() ? [markup] : [];
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    const text = current.join("\n").replace(/^\n+|\n+$/g, "");
    if (text.trim()) chunks.push(text);
    current = [];
    size = 0;
  };
  for (const line of markup.split("\n")) {
    const length = renderedLength(line);
    if (length > limit) {
      flush();
      chunks.push(...splitLongLine(line, limit));
      continue;
    }
    // +1 for the line break that joins it to the chunk.
    if (current.length > 0 && size + 1 + length > limit) flush();
    size += (current.length > 0 ? 1 : 0) + length;
    current.push(line);
  }
  flush();
  return chunks;
}
