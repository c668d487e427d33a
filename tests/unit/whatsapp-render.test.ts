import { describe, expect, it } from "vitest";
import { renderWhatsAppText, splitWhatsAppText } from "../../bot/whatsapp/render-markup.js";
import { choicePrompt, renderReplies, renderReply, replyText } from "../../bot/whatsapp/render-reply.js";
import { loadWhatsAppTexts, whatsappLocale } from "../../bot/whatsapp/texts.js";

const texts = loadWhatsAppTexts();

describe("WhatsApp rendering of the Reply markup subset", () => {
  it("keeps *bold* and _italic_ (WhatsApp's own formatting) and writes links as 'label: url'", () => {
    expect(renderWhatsAppText("*Bumi Manusia* — _Pramoedya Ananta Toer_")).toBe("*Bumi Manusia* — _Pramoedya Ananta Toer_");
    expect(renderWhatsAppText("Baca e-book: [Bumi Manusia](https://ipusnas.id/book/123)")).toBe("Baca e-book: Bumi Manusia: https://ipusnas.id/book/123");
    expect(renderWhatsAppText("[https://peta.example/oebobo](https://peta.example/oebobo)")).toBe("https://peta.example/oebobo");
    expect(renderWhatsAppText("[not a link](javascript:alert(1))")).toBe("[not a link](javascript:alert(1))");
  });

  it("turns buttons into a numbered list with 'Balas 1, 2 atau 3'", () => {
    const reply = {
      text: "Hasil untuk *bumi manusia*:",
      buttons: [
        { label: "Detail 1", payload: "rec:1" },
        { label: "Detail 2", payload: "rec:2" },
        { label: "Halaman berikutnya", payload: "page:2" },
      ],
    };
    expect(replyText(reply, texts, "id")).toBe("Hasil untuk *bumi manusia*:\n\n1. Detail 1\n2. Detail 2\n3. Halaman berikutnya\n\nBalas 1, 2 atau 3");
    expect(replyText(reply, texts, "en").endsWith("Reply 1, 2 or 3")).toBe(true);
    expect(renderReply(reply, texts, "id")).toEqual([{ content: { text: replyText(reply, texts, "id") }, buttons: reply.buttons }]);
  });

  it("says the prompt right for one, two and many choices", () => {
    expect(choicePrompt(texts, "id", 1)).toBe("Balas 1");
    expect(choicePrompt(texts, "id", 2)).toBe("Balas 1 atau 2");
    expect(choicePrompt(texts, "id", 5)).toBe("Balas 1, 2, 3, 4 atau 5");
    expect(choicePrompt(texts, "en", 2)).toBe("Reply 1 or 2");
  });

  it("sends documents as documents with the text as caption", () => {
    const base64 = Buffer.from("TY  - BOOK\nTI  - Bumi Manusia\nER  - \n").toString("base64");
    const [msg, ...rest] = renderReply({ text: "Daftar pustaka Anda (RIS)", document: { filename: "daftar.ris", mimeType: "application/x-research-info-systems", base64 } }, texts, "id");
    expect(rest).toEqual([]);
    expect(msg!.content).toEqual({ document: Buffer.from(base64, "base64"), mimetype: "application/x-research-info-systems", fileName: "daftar.ris", caption: "Daftar pustaka Anda (RIS)" });
  });

  it("sends images with their own caption, the reply text then goes first as text", () => {
    const base64 = Buffer.from([0xff, 0xd8, 0xff]).toString("base64");
    const out = renderReply({ text: "Sertifikat Anda:", image: { mimeType: "image/png", base64, caption: "Sertifikat _Hoaks_" } }, texts, "id");
    expect(out.map((m) => m.content)).toEqual([{ text: "Sertifikat Anda:" }, { image: Buffer.from(base64, "base64"), mimetype: "image/png", caption: "Sertifikat _Hoaks_" }]);
  });

  it("splits very long texts at line breaks without losing anything, buttons on the last part", () => {
    const line = "x".repeat(90);
    const long = Array.from({ length: 100 }, () => line).join("\n");
    const parts = splitWhatsAppText(long, 1000);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join("\n")).toBe(long);
    const out = renderReplies([{ text: long.repeat(1), buttons: [{ label: "Lagi", payload: "more" }] }], texts, "id");
    expect(out.at(-1)!.buttons).toEqual([{ label: "Lagi", payload: "more" }]);
    expect(out.slice(0, -1).every((m) => m.buttons === undefined)).toBe(true);
  });

  it("uses Indonesian unless the locale is English", () => {
    expect(whatsappLocale("en-GB")).toBe("en");
    expect(whatsappLocale("id")).toBe("id");
    expect(whatsappLocale(undefined)).toBe("id");
    expect(whatsappLocale("fr")).toBe("id");
  });
});

describe("prompts/whatsapp", () => {
  it("has the same keys in every locale (loading fails otherwise)", () => {
    expect(Object.keys(texts.en).sort()).toEqual(Object.keys(texts.id).sort());
    expect(Object.keys(texts.en.choices).sort()).toEqual(Object.keys(texts.id.choices).sort());
  });
});
