import { describe, expect, it } from "vitest";
import { escapeHtml, plainText, renderHtml } from "../../bot/telegram/render-html.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";

describe("renderHtml (markup subset to Telegram HTML)", () => {
  it("renders bold, italic and links", () => {
    expect(renderHtml("*Laskar Pelangi* oleh _Andrea Hirata_")).toBe("<b>Laskar Pelangi</b> oleh <i>Andrea Hirata</i>");
    expect(renderHtml("[E-book](https://ipusnas.id/book?id=1&x=2)")).toBe('<a href="https://ipusnas.id/book?id=1&amp;x=2">E-book</a>');
    expect(renderHtml("*tebal _miring_ juga*")).toBe("<b>tebal <i>miring</i> juga</b>");
  });

  it("escapes everything else before anything becomes a tag", () => {
    expect(renderHtml("<script>alert('x')</script> & \"kutip\"")).toBe("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;kutip&quot;");
    expect(renderHtml("*<b>bukan tag</b>*")).toBe("<b>&lt;b&gt;bukan tag&lt;/b&gt;</b>");
    expect(renderHtml("[klik](javascript:alert(1))")).toBe("[klik](javascript:alert(1))");
  });

  it("leaves delimiters inside words and unmatched ones alone", () => {
    expect(renderHtml("file_name_here dan 2*3*4")).toBe("file_name_here dan 2*3*4");
    expect(renderHtml("harga * diskon")).toBe("harga * diskon");
    expect(renderHtml("*belum ditutup")).toBe("*belum ditutup");
    expect(renderHtml("https://x.id/a_b_c")).toBe("https://x.id/a_b_c");
  });

  it("never lets a span cross a line break", () => {
    expect(renderHtml("*baris satu\nbaris dua*")).toBe("*baris satu\nbaris dua*");
  });

  it("produces HTML the Bot API parses, whatever the input", () => {
    const nasty = ["a < b > c & d", "*_*_", "[x](https://a.b/<c>)", "_*a*_", "**", "__init__", "*a* *b*", "&amp; literally", "🙂 *émoji* _ünï_"];
    for (const text of nasty) {
      const parsed = parseTelegramHtml(renderHtml(text));
      expect(parsed, text).toMatchObject({ ok: true });
    }
    expect(plainText("*Laskar* & <Pelangi>")).toBe("Laskar & <Pelangi>");
    expect(escapeHtml('<a href="x">')).toBe("&lt;a href=&quot;x&quot;&gt;");
  });
});
