import { describe, expect, it } from "vitest";
import type { CatalogueHit } from "../../api/catalogue/types.js";
import { link, plain, shorten } from "../../api/dialog/markup.js";
import { detailsReply, hitCard, resultsReply } from "../../api/dialog/result-cards.js";
import { createI18n } from "../../api/i18n/messages.js";

const i18n = createI18n();
const id = { t: i18n.forLocale("id"), locale: "id" as const };
const en = { t: i18n.forLocale("en"), locale: "en" as const };

const laskar: CatalogueHit = {
  id: 7,
  title: "Laskar Pelangi",
  subtitle: null,
  authors: ["Andrea Hirata"],
  year: 2005,
  publisher: "Bentang Pustaka",
  isbn: "9789793062792",
  callNumber: "899.221 HIR l",
  format: "book",
  ebookUrl: null,
  availability: [
    { branch: "PUSAT", branchName: "Pusat", total: 2, available: 0, nextDue: "2026-12-12" },
    { branch: "OEBOBO", branchName: "Oebobo", total: 1, available: 1, nextDue: null },
  ],
};

describe("result cards", () => {
  it("a book on loan at the asked branch shows the due date and the branch where another copy is available", () => {
    const card = hitCard(laskar, 1, id, "PUSAT");
    expect(card).toContain("*1. Laskar Pelangi* (2005)");
    expect(card).toContain("Andrea Hirata · No. panggil 899.221 HIR l");
    expect(card).toContain("✅ Tersedia: Oebobo");
    expect(card).toContain("⏳ Dipinjam di Pusat, kembali 12 Des 2026");
  });

  it("when every copy is out, the earliest return is shown, in the user's language", () => {
    const out = { ...laskar, availability: [{ branch: "PUSAT", branchName: "Pusat", total: 1, available: 0, nextDue: "2026-12-20" }, { branch: "ALAK", branchName: "Alak", total: 1, available: 0, nextDue: "2026-12-03" }] };
    expect(hitCard(out, 2, en, null)).toContain("⏳ On loan at Alak, due back 3 Dec 2026");
  });

  it("an e-book without copies says so", () => {
    const ebook = { ...laskar, ebookUrl: "https://ipusnas.id/x", availability: [] };
    expect(hitCard(ebook, 1, id, null)).toContain("💻 Ada versi e-book");
  });

  it("the results message has detail, next and other-branch buttons with short payloads", () => {
    const reply = resultsReply({ hits: [laskar], search: { q: "laskar", branch: null, available: false, seq: 3, page: 1, total: 5 }, pageSize: 1, branchName: null, edit: false }, id);
    expect(reply.text.startsWith("🔎 5 hasil untuk “laskar” (1–1):")).toBe(true);
    expect(reply.buttons?.map((b) => b.payload)).toEqual(["details:7", "page:3.2", "branches"]);
    expect(reply.edit).toBeUndefined();
    const page2 = resultsReply({ hits: [laskar], search: { q: "laskar", branch: null, available: false, seq: 3, page: 2, total: 5 }, pageSize: 1, branchName: null, edit: true }, id);
    expect(page2.edit).toBe(true);
    expect(page2.buttons?.map((b) => b.payload)).toContain("page:3.1");
  });

  it("details list every branch and the e-book link", () => {
    const reply = detailsReply({ ...laskar, ebookUrl: "https://ipusnas.id/book/1", summary: "Kisah sepuluh anak Belitung." }, en, null);
    expect(reply.text).toContain("✅ Oebobo: 1 of 1 available");
    expect(reply.text).toContain("⏳ Pusat: on loan, due back 12 Dec 2026");
    expect(reply.text).toContain("[📱 Read the e-book](https://ipusnas.id/book/1)");
    expect(reply.buttons?.map((b) => b.payload)).toEqual(["menu"]);
  });

  it("markup characters from users and records cannot make bold text or links", () => {
    expect(plain("*x* _y_ [z](https://evil.example)")).not.toMatch(/[*_[\]]/);
    expect(link("peta", "javascript:alert(1)")).not.toContain("](");
    expect(shorten("Laskar Pelangi", 8)).toBe("Laskar…");
  });
});
