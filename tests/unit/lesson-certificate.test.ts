import { describe, expect, it } from "vitest";
import { displayCode, newCertificateCode, normalizeCode } from "../../api/lessons/certificate-code.js";
import { certificateDate, verificationUrl } from "../../api/lessons/certificate-document.js";
import { renderCertificatePdf } from "../../api/lessons/certificate-pdf.js";
import { cleanLearnerName } from "../../api/lessons/learner-name.js";
import { pdfText } from "../support/pdf-text.js";

describe("a certificate someone can trust and read", () => {
  it("has a ten-character code that survives being typed from paper (case, dash, O for 0, I for 1)", () => {
    const code = newCertificateCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(displayCode("7KQ4M2XD9P")).toBe("7KQ4M-2XD9P");
    expect(normalizeCode("7kq4m-2xd9p")).toBe("7KQ4M2XD9P");
    expect(normalizeCode(" 7KQ4M 2XD9P ")).toBe("7KQ4M2XD9P");
    expect(normalizeCode("1O000-00000")).toBe("1000000000");
    expect(normalizeCode("I0000-00000")).toBe("1000000000");
    expect(normalizeCode("too-short")).toBeNull();
    expect(normalizeCode("<script>alert(1)</script>")).toBeNull();
  });

  it("prints the name the learner typed, tidied, and refuses what cannot be a name", () => {
    expect(cleanLearnerName("  maria   ndolu ")).toBe("maria ndolu");
    expect(cleanLearnerName("*Yohanes* _Boli_")).toBe("Yohanes Boli");
    expect(cleanLearnerName("Ni Luh Putu Ayu Sri Wahyuni")).toBe("Ni Luh Putu Ayu Sri Wahyuni");
    expect(cleanLearnerName("A")).toBeNull();
    expect(cleanLearnerName("12345")).toBeNull();
    expect(cleanLearnerName("x".repeat(61))).toBeNull();
  });

  it("dates the certificate on the learner's day in the library's time zone", () => {
    // 23:30 in Jakarta's UTC is already the next morning in Kupang (WITA, UTC+8).
    const late = new Date("2026-11-21T17:30:00Z");
    expect(certificateDate("id", late, "Asia/Makassar")).toBe("22 November 2026");
    expect(certificateDate("en", late, "Asia/Makassar")).toBe("22 November 2026");
    expect(verificationUrl("https://pustaka.example/", "7KQ4M2XD9P")).toBe("https://pustaka.example/certificates/7KQ4M-2XD9P");
    expect(verificationUrl(undefined, "7KQ4M2XD9P")).toBe("/certificates/7KQ4M-2XD9P");
  });

  it("is a one-page PDF showing name, lesson, score, date and code; letters outside Latin-1 fall back to their base letter", async () => {
    const bytes = await renderCertificatePdf(
      {
        issuer: "Tanya Pustaka",
        heading: "SERTIFIKAT",
        awardedTo: "diberikan kepada",
        name: "Trần Thị Ngọc Ánh",
        completed: "yang telah menyelesaikan pelajaran literasi digital",
        lessonTitle: "Mengenali hoaks dan cek fakta",
        scoreLine: "Skor: 5 dari 6 pertanyaan dijawab benar",
        dateLine: "Diterbitkan 22 November 2026",
        codeLine: "Kode verifikasi: 7KQ4M-2XD9P",
        verifyLine: "Cek keaslian sertifikat ini di https://pustaka.example/certificates/7KQ4M-2XD9P",
      },
      { issuedAt: new Date("2026-11-22T01:00:00Z"), code: "7KQ4M-2XD9P" },
    );
    const { lines, info, pages } = pdfText(bytes);
    expect(lines).toEqual(
      expect.arrayContaining([
        "Tran Thi Ngoc Ánh",
        "Mengenali hoaks dan cek fakta",
        "Skor: 5 dari 6 pertanyaan dijawab benar",
        "Diterbitkan 22 November 2026",
        "Kode verifikasi: 7KQ4M-2XD9P",
      ]),
    );
    // The document title keeps the name exactly (UTF-16 metadata).
    expect(info).toContain("SERTIFIKAT - Trần Thị Ngọc Ánh");
    expect(pages).toBe(1);
  });

  it("reads back whole when its compressed page text happens to end in a carriage-return byte", async () => {
    // This name and code make pdf-lib's compressed page text end in "\r"; about one certificate in
    // 300 does, and the test reader used to drop that byte and find no text at all.
    const code = "7KQ4M-2XD9P";
    const bytes = await renderCertificatePdf(
      {
        issuer: "Tanya Pustaka",
        heading: "SERTIFIKAT",
        awardedTo: "diberikan kepada",
        name: "Agustinus Dewi Kana",
        completed: "yang telah menyelesaikan pelajaran literasi digital",
        lessonTitle: "Mengenali hoaks dan cek fakta",
        scoreLine: "Skor: 6 dari 6 pertanyaan dijawab benar",
        dateLine: "Diterbitkan 22 November 2026",
        codeLine: `Kode verifikasi: ${code}`,
        verifyLine: `Cek keaslian sertifikat ini di https://pustaka.example/certificates/${code}`,
      },
      { issuedAt: new Date("2026-11-22T01:00:00Z"), code },
    );
    const pageText = /\/Length (\d+)\n>>\nstream\n/.exec(Buffer.from(bytes).toString("latin1"))!;
    expect(bytes[pageText.index + pageText[0].length + Number(pageText[1]) - 1]).toBe(0x0d);
    expect(pdfText(bytes).lines).toEqual(expect.arrayContaining(["Agustinus Dewi Kana", `Kode verifikasi: ${code}`]));
  });
});
