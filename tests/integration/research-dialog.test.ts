// Students in the chat, through the real dialog engine, PostgreSQL and Meilisearch with the demo
// library of Kupang: citations, the reference list and its exports, and research guidance, all
// without a language model.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DialogEngine } from "../../api/dialog/engine.js";
import { chatUser, createResearchLibrary, payloadsOf, textOf, type ResearchLibrary } from "./research-fixtures.js";

let lib: ResearchLibrary;
let dialog: DialogEngine;

beforeAll(async () => {
  lib = await createResearchLibrary();
  dialog = lib.engine().dialog;
});
afterAll(async () => {
  await lib?.close();
});

describe("a student asks for a citation", () => {
  it("'buatkan sitasi APA buku Di Bawah Bendera Revolusi' cites Sukarno as one name, with in-text form and buttons", async () => {
    const student = chatUser(dialog);
    const replies = await student.say("buatkan sitasi APA buku Di Bawah Bendera Revolusi");
    const text = textOf(replies);
    expect(text).toContain("📝 *APA 7*");
    expect(text).toMatch(/Sukarno\. \((1963|2015)\)\. _Di ?[Bb]awah Bendera Revolusi_\./);
    expect(text).not.toContain("Sukarno, S.");
    expect(text).toMatch(/Dalam teks: \(Sukarno, (1963|2015)\)/);
    const payloads = payloadsOf(replies);
    expect(payloads.some((p) => /^bib:add:\d+$/.test(p))).toBe(true);
    expect(payloads).toContain("cstyle");
  });

  it("a translated book names its translator in the id-ID terms", async () => {
    const student = chatUser(dialog);
    const id = await lib.recordId("Dunia Sophie", 1996);
    const text = textOf(await student.press(`cite:${id}`));
    expect(text).toContain("Gaarder, J. (1996). _Dunia Sophie: Sebuah Novel Filsafat_ (R. Astuti, Penerj.). Mizan.");
  });

  it("the chosen style is remembered for the next citation, and re-shows the last one", async () => {
    const student = chatUser(dialog);
    const id = await lib.recordId("Gizi dalam Daur Kehidupan");
    await student.press(`cite:${id}`);
    const picked = await student.press("cstyle");
    expect(payloadsOf(picked)).toEqual(expect.arrayContaining(["cstyle:apa", "cstyle:mla", "cstyle:chicago", "cstyle:ieee", "cstyle:harvard", "cstyle:vancouver"]));
    const mla = textOf(await student.press("cstyle:mla"));
    expect(mla).toContain("📝 *MLA 9*");
    expect(mla).toContain("Arisman. _Gizi dalam Daur Kehidupan_.");
    const next = textOf(await student.press(`cite:${await lib.recordId("Tenggelamnya Kapal van der Wijck")}`));
    expect(next).toContain("📝 *MLA 9*");
    expect(next).toContain("Hamka. _Tenggelamnya Kapal van der Wijck_.");
    const patron = await lib.db.patron.findFirst({ where: { channelUserId: student.userId } });
    expect(patron?.citationStyle).toBe("mla");
  });

  it("typed metadata 'judul; penulis; tahun; penerbit; kota' is cited and can be added to the list", async () => {
    const student = chatUser(dialog);
    const replies = await student.say("sitasi: Pengantar Ilmu Perpustakaan; Sulistyo-Basuki; t.t.; Gramedia Pustaka Utama; Jakarta");
    expect(textOf(replies)).toContain("Sulistyo-Basuki. (t.t.). _Pengantar Ilmu Perpustakaan_. Gramedia Pustaka Utama.");
    expect(payloadsOf(replies)).toContain("bib:addtyped");
    expect(textOf(await student.press("bib:addtyped"))).toContain("masuk daftar pustaka Anda (1 sumber)");
  });

  it("a typed title with half an emoji (a broken client) is still added to the list, the half replaced", async () => {
    const student = chatUser(dialog);
    const replies = await student.say("sitasi: Catatan Kupang \uD83D; Ndun, Yohanes; 2019; Lembaga Bahasa NTT; Kupang");
    expect(payloadsOf(replies)).toContain("bib:addtyped");
    expect(textOf(await student.press("bib:addtyped"))).toContain("masuk daftar pustaka Anda (1 sumber)");
    const item = await lib.db.bibliographyItem.findFirstOrThrow({ where: { title: { startsWith: "Catatan Kupang" } } });
    expect(item.title).toBe("Catatan Kupang \uFFFD");
  });

  it("typed metadata without the word 'sitasi' is cited too, as the help text asks for it", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("Laskar Pelangi; Andrea Hirata; 2005; Bentang Pustaka; Yogyakarta"))).toContain("Hirata, A. (2005). _Laskar Pelangi_. Bentang Pustaka.");
  });

  it("a typed year that is not a year gets a message naming it", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("sitasi Gizi Anak; Budi; duaribu; Gramedia; Jakarta"))).toContain("Tahun “duaribu” tidak bisa saya baca");
  });

  it("a title that is not in the catalogue points to typing the details", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("sitasi zzzqqq xyzzy"))).toContain("Ketik datanya sendiri: _judul; penulis; tahun; penerbit; kota_");
  });

  it("/start lists citations among what the bot can do", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("/start"))).toContain("• membuat sitasi (APA, MLA, Chicago, IEEE, Harvard, Vancouver)");
  });

  it("'/sitasi' alone explains how citations work", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("/sitasi"))).toContain("Gaya sitasi Anda: *APA 7*");
  });

  it("English users get English terms", async () => {
    const student = chatUser(dialog);
    await student.say("english please");
    const id = await lib.recordId("Beauty Is a Wound");
    expect(textOf(await student.press(`cite:${id}`))).toContain("Kurniawan, E. (2015). _Beauty Is a Wound_ (A. Tucker, Trans.). New Directions.");
  });
});

describe("a record's details offer citing and collecting it", () => {
  it("details get 📝 Sitasi and ➕ Daftar pustaka buttons before the menu; an unknown record gets none", async () => {
    const student = chatUser(dialog);
    const id = await lib.recordId("Dunia Sophie", 1996);
    const details = await student.press(`details:${id}`);
    const payloads = payloadsOf(details);
    expect(payloads.slice(-3)).toEqual([`cite:${id}`, `bib:add:${id}`, "menu"]);
    expect(payloadsOf(await student.press("details:999999"))).toEqual(["menu"]);
  });
});

describe("search results offer citing one of the books shown", () => {
  it("one 📝 Sitasi button lists the books on the page, and each cites its book", async () => {
    const student = chatUser(dialog);
    const results = await student.say("harry potter");
    const picker = payloadsOf(results).find((p) => p.startsWith("citepick:"));
    expect(picker).toMatch(/^citepick:\d+(,\d+)+$/);
    const shown = payloadsOf(results).filter((p) => p.startsWith("details:")).map((p) => p.slice("details:".length));
    const pick = await student.press(picker!);
    expect(textOf(pick)).toContain("Buku mana yang ingin disitasi?");
    expect(payloadsOf(pick).filter((p) => p.startsWith("cite:")).map((p) => p.slice("cite:".length))).toEqual(shown);
    const cited = textOf(await student.press(`cite:${shown[0]}`));
    expect(cited).toMatch(/Rowling, J\. K\. \(\d{4}\)\. _Harry Potter/);
    expect(cited).toContain("(L. Srisanti, Penerj.)");
  });
});

describe("a student keeps a reference list", () => {
  it("adds from a record's button, views it in the chosen style, removes one, exports RIS and BibTeX that read back, and clears it", async () => {
    const student = chatUser(dialog);
    const ids = [await lib.recordId("Dunia Sophie", 1996), await lib.recordId("Di Bawah Bendera Revolusi", 2015), await lib.recordId("Manajemen Pemasaran")];
    expect(textOf(await student.press(`bib:add:${ids[0]}`))).toContain("(1 sumber)");
    expect(textOf(await student.press(`bib:add:${ids[1]}`))).toContain("(2 sumber)");
    expect(textOf(await student.press(`bib:add:${ids[1]}`))).toContain("sudah ada di daftar pustaka Anda (2 sumber)");
    expect(textOf(await student.press(`bib:add:${ids[2]}`))).toContain("(3 sumber)");

    const view = await student.say("daftar pustaka saya");
    const viewText = textOf(view);
    expect(viewText).toContain("📚 *Daftar pustaka* (3 sumber, gaya APA 7)");
    // APA orders by author: Gaarder, Kotler, Sukarno.
    expect(viewText.indexOf("Gaarder")).toBeLessThan(viewText.indexOf("Kotler"));
    expect(viewText.indexOf("Kotler")).toBeLessThan(viewText.indexOf("Sukarno"));
    // APA puts the translator before the edition: "(B. Sabran, Penerj.; 13 ed.)".
    expect(viewText).toContain("(B. Sabran, Penerj.; 13 ed.)");
    expect(payloadsOf(view)).toEqual(expect.arrayContaining(["bib:export:txt", "bib:export:ris", "bib:export:bib", "bib:rm", "bib:clear"]));

    const ris = (await student.press("bib:export:ris"))[0]!;
    expect(ris.document?.filename).toBe("daftar-pustaka.ris");
    const risData = new Cite(Buffer.from(ris.document!.base64, "base64").toString("utf8")).data;
    expect(risData.map((d) => String(d.title).split(":")[0]).sort()).toEqual(["Di Bawah Bendera Revolusi", "Dunia Sophie", "Manajemen Pemasaran"]);
    expect(risData.find((d) => String(d.title).startsWith("Dunia Sophie"))?.translator).toEqual([{ family: "Astuti", given: "Rahmani" }]);

    const bib = (await student.press("bib:export:bib"))[0]!;
    expect(bib.document?.mimeType).toBe("application/x-bibtex");
    const bibData = new Cite(Buffer.from(bib.document!.base64, "base64").toString("utf8")).data;
    expect(bibData.find((d) => String(d.title).startsWith("Manajemen Pemasaran"))).toMatchObject({ edition: "13", publisher: expect.any(String) });

    const plainText = textOf(await student.press("bib:export:txt"));
    expect(plainText).toContain("Daftar pustaka (APA 7), siap disalin:");
    expect(plainText).not.toContain("_");

    const pick = await student.press("bib:rm");
    const removeSukarno = payloadsOf(pick).find((p) => p.startsWith("bib:rm:") && (pick[0]!.buttons ?? []).find((b) => b.payload === p)!.label.includes("Bendera"));
    expect(textOf(await student.press(removeSukarno!))).toContain("dihapus dari daftar pustaka (2 sumber tersisa)");

    expect(textOf(await student.press("bib:clear"))).toContain("Hapus semua 2 sumber");
    expect(textOf(await student.say("ya"))).toContain("Daftar pustaka dikosongkan");
    expect(textOf(await student.say("daftar pustaka saya"))).toContain("masih kosong");
  });

  it("cancelling the clear keeps the list", async () => {
    const student = chatUser(dialog);
    await student.press(`bib:add:${await lib.recordId("Dunia Sophie", 1996)}`);
    await student.press("bib:clear");
    expect(textOf(await student.press("bibclear:no"))).toContain("tidak diubah");
    expect(textOf(await student.say("lihat daftar pustaka"))).toContain("(1 sumber");
  });

  it("/dataku shows the reference list and the citation style", async () => {
    const student = chatUser(dialog);
    await student.press(`bib:add:${await lib.recordId("Dunia Sophie", 1996)}`);
    await student.press("cstyle:ieee");
    expect(textOf(await student.say("/dataku"))).toContain("📚 Daftar pustaka: 1 sumber · gaya sitasi IEEE");
  });

  it("/hapusdata removes the list and the style with the patron", async () => {
    const student = chatUser(dialog);
    await student.press(`bib:add:${await lib.recordId("Dunia Sophie", 1996)}`);
    await student.press("cstyle:mla");
    const patron = await lib.db.patron.findFirst({ where: { channelUserId: student.userId } });
    expect(await lib.db.bibliographyItem.count({ where: { patronId: patron!.id } })).toBe(1);
    const confirm = await student.say("/hapusdata");
    expect(payloadsOf(confirm)).toContain("forget:yes");
    await student.press("forget:yes");
    expect(await lib.db.patron.count({ where: { id: patron!.id } })).toBe(0);
    expect(await lib.db.bibliographyItem.count({ where: { patronId: patron!.id } })).toBe(0);
  });
});

describe("a student asks for help finding literature", () => {
  it("'bantu cari literatur tentang stunting di NTT' gives keywords in both languages, related subjects, books with availability and two tips", async () => {
    const student = chatUser(dialog);
    const replies = await student.say("bantu cari literatur tentang stunting di NTT");
    const text = textOf(replies);
    expect(text).toContain("🔎 *Literatur tentang stunting di NTT*");
    expect(text).toMatch(/\*Kata kunci \(Indonesia\):\* stunting, tengkes, pencegahan stunting/);
    expect(text).toMatch(/\*Kata kunci \(Inggris\):\* stunting, child stunting, stunting prevention/);
    expect(text).toMatch(/\*Subjek terkait di katalog:\* .*Stunting/i);
    expect(text).toMatch(/\*Buku di perpustakaan kami\* \(\d+ cocok\):/);
    expect(text).toMatch(/1\. .*Stunting.* — (tersedia di|sedang dipinjam|belum ada|e-book)/);
    expect(text).toContain("💡 Persempit topik");
    expect(text).toContain("Garuda");
    expect(text).toContain("iPusnas");
    expect(payloadsOf(replies).some((p) => /^details:\d+$/.test(p))).toBe(true);
  });

  it("a topic with no books says so and offers a librarian", async () => {
    const student = chatUser(dialog);
    const replies = await student.say("cari literatur tentang xylofagia kuantum");
    expect(textOf(replies)).toContain("Belum ada buku di katalog kami yang cocok");
    expect(payloadsOf(replies)).toContain("librarian");
  });

  it("a request without a topic asks for one", async () => {
    const student = chatUser(dialog);
    expect(textOf(await student.say("/literatur"))).toContain("Topik apa yang sedang Anda teliti?");
  });
});
