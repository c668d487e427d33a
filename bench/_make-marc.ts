// A synthetic MARC 21 catalogue file for import measurements, from the same generator the search
// benchmark uses: `npx tsx bench/_make-marc.ts <out.mrc> [records=20000] [seed=1]`.
import fs from "node:fs";
import { loadVocabulary } from "../search/vocabulary.js";
import { syntheticCatalogue, toIso2709 } from "./_search-data.js";

const [file, recordsArg = "20000", seedArg = "1"] = process.argv.slice(2);
const records = Number(recordsArg);
const seed = Number(seedArg);
if (!file || !Number.isInteger(records) || records < 1 || !Number.isInteger(seed)) {
  console.error("usage: npx tsx bench/_make-marc.ts <out.mrc> [records=20000] [seed=1]");
  process.exit(2);
}

const gen = syntheticCatalogue(loadVocabulary(), seed);
const out = fs.createWriteStream(file);
for (let n = 1; n <= records; n++) {
  if (!out.write(toIso2709(gen(n).marc))) await new Promise<void>((r) => out.once("drain", () => r()));
}
await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
console.log(`${records} records written to ${file}`);
