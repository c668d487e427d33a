import { describe, expect, it } from "vitest";
import { renderHtml } from "../../bot/telegram/render-html.js";
import { splitText, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram/split-text.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";

const visible = (chunks: string[]) => chunks.join("\n").replace(/\s+/g, " ").trim();

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("*Halo*\napa kabar")).toEqual(["*Halo*\napa kabar"]);
    expect(splitText("   ")).toEqual([]);
  });

  it("cuts long replies at line breaks, each part under the limit, nothing lost", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i + 1}. *Judul buku nomor ${i + 1}* — _Pengarang_ & <Penerbit>`);
    const text = lines.join("\n");
    const chunks = splitText(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      const html = renderHtml(chunk);
      expect(html.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(parseTelegramHtml(html).ok).toBe(true);
      expect(lines).toContain(chunk.split("\n")[0]);
    }
    expect(chunks.join("\n")).toBe(text);
  });

  it("cuts one huge line at spaces and one huge word by characters", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `kata${i}`).join(" ");
    const chunks = splitText(words);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => renderHtml(c).length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    expect(visible(chunks)).toBe(words);

    const word = "&".repeat(5000) + "😀".repeat(10);
    const parts = splitText(word);
    expect(parts.every((c) => renderHtml(c).length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    expect(parts.join("")).toBe(word);
  });

  it("honours a smaller limit (captions)", () => {
    const chunks = splitText("a\n".repeat(2000), 1024);
    expect(chunks.every((c) => renderHtml(c).length <= 1024)).toBe(true);
  });
});
