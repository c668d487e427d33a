import fs from "node:fs";
import path from "node:path";
import type { MarcRecord } from "@natlibfi/marc-record";
import { MARCXML } from "@natlibfi/marc-record-serializers";
import { describe, expect, it } from "vitest";
import { parseMarcXmlRecord } from "../../api/catalogue/import/marcxml-parse.js";
import { readMarcXml, type XmlRead } from "../../api/catalogue/import/marcxml-reader.js";
import { fixtureRecords } from "../fixtures/catalogue/marc-fixture-records.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const plain = (r: MarcRecord) => ({ leader: r.leader, fields: r.fields });

async function readAll(text: string, prefix: string, chunk: number): Promise<XmlRead[]> {
  const bytes = Buffer.from(text, "utf8");
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();
  const out: XmlRead[] = [];
  for await (const r of readMarcXml(chunks, prefix)) out.push(r);
  return out;
}

describe("reading MARCXML records", () => {
  it("gives the same record as @natlibfi's MARCXML reader, with and without a prefix", async () => {
    for (const record of fixtureRecords()) {
      const xml = MARCXML.to(record, { omitDeclaration: true, indent: true });
      const prefixed = xml.replace(/ xmlns="[^"]*"/, ' xmlns:marc="http://www.loc.gov/MARC21/slim"').replace(/<(\/?)(record|leader|controlfield|datafield|subfield)\b/g, "<$1marc:$2");
      const theirs = plain(await MARCXML.from(xml, { fields: false, subfields: false, subfieldValues: false }));
      expect(plain(parseMarcXmlRecord(xml))).toEqual(theirs);
      expect(plain(parseMarcXmlRecord(prefixed))).toEqual(theirs);
    }
  });

  it("decodes entities, character references and CDATA", () => {
    const r = parseMarcXmlRecord(
      '<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Kopi &amp; teh &#233;&#x101; <![CDATA[<b>x</b>]]></subfield></datafield></record>',
    );
    expect(r.fields).toEqual([{ tag: "245", ind1: "1", ind2: "0", subfields: [{ code: "a", value: "Kopi & teh éā <b>x</b>" }] }]);
  });

  it.each([
    ['<record><leader>x</leader><datafield tag="245"><subfield code="a">A</datafield></record>', /Unexpected close tag/],
    ['<record><datafield tag=245><subfield code="a">Kopi</subfield></datafield></record>', /Unquoted attribute value/],
    ['<record><datafield tag="245" ind1="1><subfield code="a">A</subfield></datafield></record>', /malformed XML/],
  ])("refuses XML that is not well formed: %s", (xml, problem) => {
    expect(() => parseMarcXmlRecord(xml)).toThrow(problem);
  });

  it("a malformed record is named by the line of the fault; the records after it are read", async () => {
    const text = fs.readFileSync(path.join(FIXTURES, "koha-export.xml"), "utf8").replace("</collection>", '<record>\n<leader>00000nam a2200000 a 4500</leader>\n<controlfield tag="001">KPG-B0009</controlfield>\n</record>\n</collection>');
    const reads = await readAll(text, "", 3);
    expect(reads.map((r) => r.record)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const broken = reads[7]!;
    expect("error" in broken && broken.error.problem).toBe("malformed XML: Unexpected close tag (line 265)");
    expect(reads[8]).toMatchObject({ record: 9, line: 267 });
  });

  it("an unclosed record is reported and reading resumes at the next record", async () => {
    const text = '<collection>\n<record><leader>a</leader>\n<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">2</controlfield></record>\n</collection>';
    const reads = await readAll(text, "", 5);
    expect(reads.map((r) => ("error" in r ? `${r.record}@${r.line}: ${r.error.problem}` : `${r.record}@${r.line}: ok`))).toEqual(["1@2: <record> is never closed", "2@3: ok"]);
  });
});
