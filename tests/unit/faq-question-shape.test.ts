import { describe, expect, it } from "vitest";
import { tokenize } from "../../api/dialog/normalize-text.js";
import { bestOverlap, dice } from "../../api/faq/faq-overlap.js";
import { readsAsFaqQuestion } from "../../api/dialog/question-shape.js";

const reads = (text: string) => readsAsFaqQuestion(text, tokenize(text));

describe("which messages are looked up in the FAQ", () => {
  it.each([
    "jam berapa perpustakaan buka hari sabtu?",
    "Bagaimana cara menjadi anggota",
    "kak, kapan perpustakaan tutup",
    "di mana saya bisa parkir",
    "apakah ada wifi",
    "How do I become a member",
    "Can I bring food into the reading room",
    "wifinya gratis?",
  ])("%j reads as a question to the library", (text) => {
    expect(reads(text)).toBe(true);
  });

  it.each([
    "ada buku laskar pelangi?",
    "punya novel bumi manusia?",
    "apakah ada buku tentang stunting?",
    "adakah komik naruto?",
    "do you have harry potter?",
    "laskar pelangi",
    "cara membuat kue",
    "halo?",
    "?",
  ])("%j is not (a catalogue search, or too short)", (text) => {
    expect(reads(text)).toBe(false);
  });
});

describe("the word-overlap fallback", () => {
  const words = (t: string) => tokenize(t).filter((w) => !["berapa", "saya", "apa", "di"].includes(w));
  it("scores shared words with the Dice coefficient and leaves out rows sharing none", () => {
    expect(dice(new Set(["a", "b"]), new Set(["a", "b"]))).toBe(1);
    expect(dice(new Set(["a", "b"]), new Set(["a", "c"]))).toBe(0.5);
    expect(dice(new Set(), new Set(["a"]))).toBe(0);
    const rows = [
      { id: 1, question: "Berapa lama saya boleh meminjam buku?", answer: "", locale: "id" },
      { id: 2, question: "Apa itu stunting?", answer: "", locale: "id" },
      { id: 3, question: "Berapa lama boleh pinjam buku?", answer: "", locale: "id" },
    ];
    expect(bestOverlap("berapa lama boleh pinjam buku?", rows, words).map((r) => r.id)).toEqual([3, 1]);
  });
});
