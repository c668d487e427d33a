import { kohaStatus, parseDueDate, parseItemStatus } from "./item-status.js";
import { dataFields, sub, subValues, type FieldIndex } from "./marc-fields.js";
import { MAX_KEY_LENGTH } from "./source-id.js";
import { cleanText } from "./text-clean.js";
import type { Issue, ItemStatus, MappedItem } from "./types.js";

/**
 * Copies from Koha/SLiMS 952 ($b holding branch, else $a home branch; $p barcode; $o call number;
 * $q due date; $1 lost, $4 damaged, $7 not-for-loan or a status word) and from 852 ($b, else $a;
 * $p barcode; $h $i call number). A copy that cannot be stored is dropped and noted, the record stays.
 */
export function mapMarcHoldings(index: FieldIndex, issues: Issue[]): MappedItem[] {
  const items: MappedItem[] = [];
  for (const f of dataFields(index, "952")) {
    const barcode = cleanText(sub(f, "p"));
    if (!barcode) {
      issues.push({ field: "952$p", problem: "copy without a barcode was skipped", dropped: "item" });
      continue;
    }
    if (barcode.length > MAX_KEY_LENGTH) {
      issues.push({ field: "952$p", problem: `barcode longer than ${MAX_KEY_LENGTH} characters; copy skipped`, dropped: "item" });
      continue;
    }
    const statusText = sub(f, "7") ?? "";
    const stated = kohaStatus({ lost: sub(f, "1"), damaged: sub(f, "4"), notForLoan: statusText });
    if (stated === undefined) {
      const code = sub(f, "1") && sub(f, "1") !== "0" ? "952$1" : "952$7";
      const value = code === "952$1" ? sub(f, "1") : statusText;
      issues.push({ field: code, problem: `unknown copy status "${value}" for ${barcode}; copy skipped`, dropped: "item" });
      continue;
    }
    let status: ItemStatus = stated ?? "available";
    let dueDate: string | null = null;
    const dueText = sub(f, "q");
    if (dueText !== undefined && (status === "available" || status === "on_loan")) {
      // Koha keeps the due date in $q while a copy is out: a date there means "on loan".
      status = "on_loan";
      const due = parseDueDate(dueText);
      if (due.ok) dueDate = due.date;
      else issues.push({ field: "952$q", problem: `${due.problem} for ${barcode}; kept the copy as on loan without a due date`, dropped: "field" });
    }
    items.push({ barcode, branch: cleanText(sub(f, "b") ?? sub(f, "a")), status, dueDate, callNumber: cleanText(sub(f, "o")) });
  }
  for (const f of dataFields(index, "852")) {
    const barcode = cleanText(sub(f, "p"));
    if (!barcode) {
      issues.push({ field: "852$p", problem: "holding without a barcode was skipped", dropped: "item" });
      continue;
    }
    const status = parseItemStatus(sub(f, "x") ?? sub(f, "z"));
    items.push({
      barcode: barcode.slice(0, MAX_KEY_LENGTH),
      branch: cleanText(sub(f, "b") ?? sub(f, "a")),
      status: status ?? "available",
      dueDate: null,
      callNumber: cleanText(subValues(f, "khim").join(" ")),
    });
  }
  return items;
}
