import fs from "node:fs";
import path from "node:path";
import { MarcRecord } from "@natlibfi/marc-record";
import { ISO2709 } from "@natlibfi/marc-record-serializers";
import { describe, expect, it } from "vitest";
import { parseIso2709 } from "../../api/catalogue/import/iso2709-parse.js";
import { readIso2709, type MarcRead } from "../../api/catalogue/import/iso2709-reader.js";
import { fixtureRecords } from "../fixtures/catalogue/marc-fixture-records.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const iso = (r: MarcRecord) => Buffer.from(ISO2709.to(r), "utf8");

async function readAll(bytes: Buffer, chunk = 64 * 1024): Promise<MarcRead[]> {
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();
  const out: MarcRead[] = [];
  for await (const r of readIso2709(chunks)) out.push(r);
  return out;
}

const plain = (r: MarcRecord) => ({ leader: r.leader, fields: r.fields });

describe("reading ISO 2709 byte by byte", () => {
  it("gives the same fields as @natlibfi's reader for every fixture record", () => {
    for (const record of fixtureRecords()) {
      const bytes = iso(record);
      const ours = parseIso2709(bytes.subarray(0, bytes.length - 1));
      const theirs = ISO2709.from(bytes.toString("utf8"), { fields: false, subfields: false, subfieldValues: false });
      expect(plain(ours)).toEqual(plain(theirs));
      expect(ours).toBeInstanceOf(MarcRecord);
    }
  });

  it("reads records whose directory counts characters instead of bytes (some exporters do)", () => {
    const record = fixtureRecords()[6]!; // Javanese script: many multi-byte characters
    // Build the record with character offsets, the way a naive exporter writes it.
    let data = "";
    let dir = "";
    for (const f of record.fields) {
      const body = "value" in f ? `${f.value}\x1e` : `${f.ind1}${f.ind2}${f.subfields.map((s) => `\x1f${s.code}${s.value}`).join("")}\x1e`;
      dir += f.tag + String(body.length).padStart(4, "0") + String(data.length).padStart(5, "0");
      data += body;
    }
    const base = 24 + dir.length + 1;
    const text = `${String(base + data.length + 1).padStart(5, "0")}nam a22${String(base).padStart(5, "0")} a 4500${dir}\x1e${data}`;
    const ours = parseIso2709(Buffer.from(text, "utf8"));
    expect(ours.fields).toEqual(record.fields);
  });

  it("refuses a MARC-8 record instead of storing mangled text", () => {
    const bytes = iso(fixtureRecords()[1]!);
    bytes[9] = 0x20; // leader/09 blank: MARC-8
    const at = bytes.indexOf("Bumi");
    bytes[at] = 0xe2; // a MARC-8 combining acute accent byte
    expect(() => parseIso2709(bytes.subarray(0, bytes.length - 1))).toThrow(/MARC-8/);
  });

  it("splits a truncated record from the record it swallowed, and keeps numbering in file order", async () => {
    const [a, b, c] = fixtureRecords().slice(0, 3).map(iso);
    const cut = b!.subarray(0, 100);
    const reads = await readAll(Buffer.concat([a!, cut, c!]), 7);
    expect(reads.map((r) => ("error" in r ? `${r.record}:error` : `${r.record}:${r.marc.fields[0]!.tag}`))).toEqual(["1:001", "2:error", "3:001"]);
    const broken = reads[1]!;
    expect("error" in broken && broken.error.problem).toMatch(/truncated: 101 of \d+ bytes before the next record starts \(byte \d+\)/);
    expect(broken.offset).toBe(a!.length);
  });

  it("reports a file that ends inside a record, and ignores line breaks between records", async () => {
    const [a, b] = fixtureRecords().slice(0, 2).map(iso);
    const reads = await readAll(Buffer.concat([a!, Buffer.from("\r\n"), b!, Buffer.from("\n"), b!.subarray(0, 50)]), 1);
    expect(reads.map((r) => ("error" in r ? "error" : "ok"))).toEqual(["ok", "ok", "error"]);
    const last = reads[2]!;
    expect("error" in last && last.error.problem).toMatch(/file ends inside a record/);
  });

  it("reads the fixture export the same way in 1-byte chunks as in one piece", async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, "koha-export.mrc"));
    const whole = await readAll(bytes);
    const trickled = await readAll(bytes, 1);
    const summary = (rs: MarcRead[]) => rs.map((r) => ("error" in r ? { record: r.record, error: r.error.problem } : { record: r.record, fields: r.marc.fields }));
    expect(summary(trickled)).toEqual(summary(whole));
    expect(whole.filter((r) => "error" in r).map((r) => r.record)).toEqual([3, 8]);
  });
});
