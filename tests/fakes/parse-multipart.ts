// A tolerant multipart/form-data reader for fake servers. grammY writes part headers as
// `content-disposition:form-data;name="x";filename=a.pdf` (no spaces, unquoted file names), which
// stricter parsers reject; the real Bot API accepts it, so the fakes must too.

export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error("multipart body without a boundary");
  return boundary;
}

function dispositionParam(header: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, "i").exec(header);
  const value = m?.[1] ?? m?.[2];
  return value === undefined ? undefined : value.trim();
}

/** Splits a multipart/form-data body into its parts (field values and files alike). */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    if (body.subarray(start, start + 2).toString() === "\r\n") start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // The part ends with the CRLF that precedes the next delimiter.
    const end = body.subarray(next - 2, next).toString() === "\r\n" ? next - 2 : next;
    const headerEnd = body.indexOf("\r\n\r\n", start);
    if (headerEnd === -1 || headerEnd > end) throw new Error("multipart part without headers");
    const headers = new Map<string, string>();
    for (const line of body.subarray(start, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name");
    if (!name) throw new Error("multipart part without a name");
    parts.push({
      name,
      filename: dispositionParam(disposition, "filename"),
      contentType: headers.get("content-type"),
      data: body.subarray(headerEnd + 4, end),
    });
    pos = next;
  }
  return parts;
}
