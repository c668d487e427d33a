import type { Db } from "../../db/prisma.js";
import { ImportOptionError } from "./errors.js";

/** Branch for copies whose file names none, unless the branch map's "*" says otherwise. */
export const DEFAULT_BRANCH_CODE = "MAIN";

export type BranchResolver = {
  /** Our branch code for a code from the file (through the branch map), or the default branch for null. */
  codeOf(fileCode: string | null): string;
  /** Ids for these codes; codes not in the database are created (name = code) unless dryRun. */
  idsFor(codes: Iterable<string>): Promise<Map<string, number>>;
  /** Codes created (or, on a dry run, that would be). */
  created(): string[];
};

/** Checks a branch map: string keys to non-empty branch codes. */
export function validateBranchMap(raw: unknown): Record<string, string> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ImportOptionError('branch map must be a JSON object such as { "PST": "PUSAT", "*": "PUSAT" }');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== "string" || !v.trim()) throw new ImportOptionError(`branch map: "${k}" must map to a branch code (a non-empty string)`);
    out[k.trim()] = v.trim();
  }
  return out;
}

/**
 * Resolves branch codes of a file to branch ids. Unknown codes are created with the code as name,
 * so an import never loses copies; the report lists them for the librarian to name properly.
 */
export function createBranchResolver(db: Db, opts: { branchMap?: Record<string, string>; dryRun: boolean }): BranchResolver {
  const map = new Map<string, string>();
  const mapFolded = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.branchMap ?? {})) {
    map.set(k, v);
    mapFolded.set(k.toUpperCase(), v);
  }
  const fallback = map.get("*") ?? DEFAULT_BRANCH_CODE;
  const known = new Map<string, number>();
  const createdCodes: string[] = [];
  let loaded = false;

  return {
    codeOf(fileCode) {
      if (fileCode === null || fileCode === "") return fallback;
      return map.get(fileCode) ?? mapFolded.get(fileCode.toUpperCase()) ?? fileCode.toUpperCase();
    },
    async idsFor(codes) {
      if (!loaded) {
        for (const b of await db.branch.findMany({ select: { id: true, code: true } })) known.set(b.code, b.id);
        loaded = true;
      }
      const missing = [...new Set(codes)].filter((c) => !known.has(c));
      for (const code of missing) {
        createdCodes.push(code);
        if (opts.dryRun) {
          known.set(code, -1);
          continue;
        }
        // ON CONFLICT: another import may create the same branch at the same moment.
        const rows = await db.$queryRawUnsafe<{ id: number }[]>(
          `INSERT INTO "Branch" (code, name, "updatedAt") VALUES ($1, $1, now())
           ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
          code,
        );
        known.set(code, rows[0]!.id);
      }
      return known;
    },
    created: () => [...createdCodes],
  };
}
