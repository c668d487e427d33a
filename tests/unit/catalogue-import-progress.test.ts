import { describe, expect, it } from "vitest";
import { createChangeNotifier } from "../../api/catalogue/import/change-notifier.js";
import { formatImportSummary } from "../../api/catalogue/import/import-summary.js";
import { createProgressPrinter, progressFigures } from "../../api/catalogue/import/progress-printer.js";
import type { ImportProgress, ImportReport } from "../../api/catalogue/import/types.js";
import { memoryLogger } from "../support/silent-logger.js";

const progress = (p: Partial<ImportProgress>): ImportProgress => ({
  records: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skippedRecords: 0,
  bytesRead: 0,
  totalBytes: null,
  elapsedMs: 0,
  phase: "importing",
  indexBacklog: 0,
  done: false,
  ...p,
});

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { isTTY, columns: 200, write: (t: string) => out.push(t), out };
}

describe("import progress", () => {
  it("records/s over the run and an ETA from the bytes still to read", () => {
    expect(progressFigures(progress({ records: 5000, elapsedMs: 2000, bytesRead: 250, totalBytes: 1000 }))).toEqual({ rate: 2500, fraction: 0.25, etaSeconds: 6 });
    expect(progressFigures(progress({ records: 10, elapsedMs: 1000 }))).toEqual({ rate: 10, fraction: null, etaSeconds: null });
  });

  it("on a terminal: one line redrawn with a bar, records/s and ETA, a newline at the end", () => {
    let now = 0;
    const s = sink(true);
    const print = createProgressPrinter(s, { now: () => now });
    print(progress({ records: 5000, created: 5000, elapsedMs: 2000, bytesRead: 250, totalBytes: 1000 }));
    now = 50; // redraws at most every 100 ms
    print(progress({ records: 6000, elapsedMs: 2050, bytesRead: 300, totalBytes: 1000 }));
    now = 3000;
    print(progress({ records: 20000, created: 20000, elapsedMs: 8000, bytesRead: 1000, totalBytes: 1000, phase: "done", done: true }));
    expect(s.out).toHaveLength(2);
    expect(s.out[0]).toBe("\r\x1b[2K[######..................] 5,000 records  2,500 records/s  25%  ETA 0:06  created 5,000, updated 0, unchanged 0, skipped 0");
    expect(s.out[1]).toMatch(/^\r\x1b\[2K\[#{24}\] 20,000 records {2}2,500 records\/s {2}100% {2}created 20,000.*\n$/);
  });

  it("not on a terminal: plain lines every few seconds, and says when the search index is catching up", () => {
    let now = 0;
    const s = sink(false);
    const print = createProgressPrinter(s, { now: () => now, intervalMs: 5000 });
    print(progress({ records: 1000, elapsedMs: 1000 }));
    now = 1000;
    print(progress({ records: 2000, elapsedMs: 2000 }));
    now = 6000;
    print(progress({ records: 3000, elapsedMs: 6000, phase: "indexing", indexBacklog: 1500 }));
    expect(s.out).toEqual([
      "import: 1,000 records  1,000 records/s  created 0, updated 0, unchanged 0, skipped 0\n",
      "import: 3,000 records  500 records/s  created 0, updated 0, unchanged 0, skipped 0  stored; search index catching up: 1,500 records to go\n",
    ]);
  });
});

describe("import summary", () => {
  const report: ImportReport = {
    source: "koha",
    format: "marc",
    dryRun: false,
    total: 8,
    created: 5,
    updated: 0,
    unchanged: 0,
    skippedRecords: 3,
    skipped: [
      { record: 3, field: "leader", problem: "record is truncated: 173 of 287 bytes before the next record starts (byte 1406)", dropped: "record" },
      { record: 4, line: 145, field: "952$7", problem: 'unknown copy status "Dipindahkan" for KPG-B0004-1; copy skipped', dropped: "item" },
    ],
    skippedOmitted: 0,
    items: 7,
    branchesCreated: ["MFA"],
    notifyFailures: 0,
    ms: 1234,
  };

  it("counts first, then each problem with its place and what was dropped", () => {
    expect(formatImportSummary(report, { file: "koha.mrc" })).toBe(
      [
        'Import of koha.mrc as MARC 21 (ISO 2709), source "koha": 1.2 s',
        "  records:   8",
        "  created:   5",
        "  updated:   0",
        "  unchanged: 0",
        "  skipped:   3",
        "  copies:    7",
        "  new branches (named after their code; rename them or use --branch-map): MFA",
        "",
        "Problems (2):",
        "  record 3 [leader]: record is truncated: 173 of 287 bytes before the next record starts (byte 1406) (record skipped)",
        '  record 4, line 145 [952$7]: unknown copy status "Dipindahkan" for KPG-B0004-1; copy skipped',
      ].join("\n"),
    );
  });

  it("a long list is cut with a count of the rest", () => {
    const text = formatImportSummary({ ...report, skippedOmitted: 10 }, { maxProblems: 1 });
    expect(text).toMatch(/Problems \(12\):\n {2}record 3 .*\n {2}\.\.\. and 11 more$/);
  });
});

describe("telling the search index about changes", () => {
  it("one call at a time in commit order; ids arriving during a slow call go together in the next", async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const notifier = createChangeNotifier(async (ids) => {
      calls.push(ids);
      if (calls.length === 1) await gate;
    }, memoryLogger());
    await notifier.add([1, 2]);
    await notifier.add([3]);
    await notifier.add([4, 5]);
    expect(notifier.backlog()).toBe(5);
    release();
    await notifier.drain();
    expect(calls).toEqual([[1, 2], [3, 4, 5]]);
    expect(notifier.backlog()).toBe(0);
  });

  it("a failing listener is counted and logged, and later ids still go out", async () => {
    const log = memoryLogger();
    const calls: number[][] = [];
    const notifier = createChangeNotifier(async (ids) => {
      calls.push(ids);
      if (ids.includes(1)) throw new Error("Meilisearch is down");
    }, log);
    await notifier.add([1]);
    await notifier.drain();
    await notifier.add([2]);
    await notifier.drain();
    expect(calls).toEqual([[1], [2]]);
    expect(notifier.failures()).toBe(1);
    expect(log.text()).toMatch(/onRecordsChanged failed/);
  });
});
