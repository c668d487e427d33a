import zlib from "node:zlib";

/**
 * The text drawn on the pages of a PDF made with standard fonts (pdf-lib writes each line as a
 * hex string shown with Tj inside a Flate stream), plus the Info dictionary's UTF-16 strings.
 * Enough to check what a certificate says without a PDF library in the test.
 */
export function pdfText(bytes: Uint8Array): { lines: string[]; info: string[]; pages: number } {
  const raw = Buffer.from(bytes).toString("latin1");
  if (!raw.startsWith("%PDF-")) throw new Error("not a PDF");
  const lines: string[] = [];
  const info: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  const decoded: string[] = [raw];
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    try {
      decoded.push(zlib.inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1"));
    } catch {
      /* not Flate: images, fonts */
    }
  }
  let pages = 0;
  for (const s of decoded) {
    pages += s.match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
    for (const m of s.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) lines.push(Buffer.from(m[1]!, "hex").toString("latin1"));
    for (const m of s.matchAll(/<FEFF([0-9A-Fa-f]+)>/g)) info.push(Buffer.from(m[1]!, "hex").swap16().toString("utf16le"));
  }
  return { lines, info, pages };
}
