import { PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";

/** Everything printed on a certificate, already in the learner's language. */
export type CertificateText = {
  heading: string;
  awardedTo: string;
  name: string;
  completed: string;
  lessonTitle: string;
  scoreLine: string;
  dateLine: string;
  codeLine: string;
  verifyLine: string;
  issuer: string;
};

const PAGE = { width: 842, height: 595 }; // A4 landscape, in points
const INK = rgb(0.13, 0.2, 0.33);
const ACCENT = rgb(0.05, 0.45, 0.5);

// The standard PDF fonts cover Latin-1 (WinAnsi) only. Indonesian names fit; anything else is
// reduced to its base letter ("ễ" -> "e") or dropped, because embedding a Unicode font would add
// megabytes to a file sent over slow mobile data.
function fontSafe(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = "";
  for (const ch of text) {
    if (supported.has(ch.codePointAt(0)!)) out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      out += [...base].filter((c) => supported.has(c.codePointAt(0)!)).join("");
    }
  }
  return out.replace(/\s+/g, " ").trim();
}

function centered(page: ReturnType<PDFDocument["addPage"]>, text: string, y: number, font: PDFFont, size: number, color = INK): void {
  const safe = fontSafe(text, font);
  let s = size;
  // Long lesson titles and names shrink to fit the page instead of running off it.
  while (s > 10 && font.widthOfTextAtSize(safe, s) > PAGE.width - 120) s -= 1;
  const width = font.widthOfTextAtSize(safe, s);
  page.drawText(safe, { x: (PAGE.width - width) / 2, y, size: s, font, color });
}

/** Renders a one-page A4 certificate; the bytes are a complete PDF file. */
export async function renderCertificatePdf(text: CertificateText, opts: { issuedAt: Date; code: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Metadata strings are UTF-16, so the name is kept exactly there even when the page font cannot
  // draw every letter. Fixed dates keep the file the same for the same certificate.
  pdf.setTitle(`${text.heading} - ${text.name}`);
  pdf.setSubject(`${text.lessonTitle} (${opts.code})`);
  pdf.setProducer("Tanya Pustaka");
  pdf.setCreator("Tanya Pustaka");
  pdf.setCreationDate(opts.issuedAt);
  pdf.setModificationDate(opts.issuedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([PAGE.width, PAGE.height]);

  page.drawRectangle({ x: 24, y: 24, width: PAGE.width - 48, height: PAGE.height - 48, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: PAGE.width - 68, height: PAGE.height - 68, borderColor: ACCENT, borderWidth: 0.8 });

  centered(page, text.issuer, 505, regular, 14, ACCENT);
  centered(page, text.heading, 455, bold, 34);
  centered(page, text.awardedTo, 415, regular, 14);
  centered(page, text.name, 370, bold, 30);
  page.drawLine({ start: { x: 221, y: 360 }, end: { x: 621, y: 360 }, thickness: 0.8, color: ACCENT });
  centered(page, text.completed, 325, regular, 14);
  centered(page, text.lessonTitle, 290, bold, 20);
  centered(page, text.scoreLine, 245, regular, 13);
  centered(page, text.dateLine, 222, regular, 13);
  centered(page, text.codeLine, 110, bold, 13);
  centered(page, text.verifyLine, 90, regular, 10);

  return pdf.save();
}
