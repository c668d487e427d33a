import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Db } from "../db/prisma.js";

export const DEFAULT_BRANCHES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/seed/branches.json");

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
const day = z.array(z.tuple([time, time]).refine(([a, b]) => a < b, "opening must come before closing"));

const branchSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{1,40}$/, "must be upper-case letters, digits, _ or -"),
  name: z.string().min(1),
  address: z.string().default(""),
  city: z.string().default(""),
  phone: z.string().nullable().optional(),
  mapUrl: z.url().nullable().optional(),
  timezone: z.string().min(1).default("Asia/Makassar"),
  openingHours: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
  /** Answer-time promise for librarian tickets, in minutes of opening hours (the queue marks tickets past it). */
  slaMinutes: z.number().int().min(5).max(10080).default(120),
});

const fileSchema = z.object({ library: z.string().min(1), branches: z.array(branchSchema).min(1) });

export type BranchSeed = z.infer<typeof branchSchema>;
export type BranchesFile = z.infer<typeof fileSchema>;

/** Reads and validates a branches file (prisma/seed/branches.json by default). */
export function readBranchesFile(file: string = DEFAULT_BRANCHES_FILE): BranchesFile {
  const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${file} is not a valid branches file: ${problems}`);
  }
  return parsed.data;
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

// jsonb stores object keys in its own order, so compare day by day.
function sameHours(stored: unknown, wanted: BranchSeed["openingHours"]): boolean {
  if (stored === null || typeof stored !== "object") return false;
  const s = stored as Record<string, unknown>;
  return Object.keys(s).length === DAYS.length && DAYS.every((d) => JSON.stringify(s[d]) === JSON.stringify(wanted[d]));
}

/**
 * Creates or updates the branches of the file by code; running it again changes nothing.
 * Branches not in the file (e.g. created by an import) are left alone.
 */
export async function seedBranches(db: Db, file: string = DEFAULT_BRANCHES_FILE): Promise<{ created: number; updated: number; unchanged: number }> {
  const { branches } = readBranchesFile(file);
  const existing = new Map((await db.branch.findMany({ where: { code: { in: branches.map((b) => b.code) } } })).map((b) => [b.code, b]));
  const result = { created: 0, updated: 0, unchanged: 0 };
  for (const b of branches) {
    const data = { name: b.name, address: b.address, city: b.city, phone: b.phone ?? null, mapUrl: b.mapUrl ?? null, timezone: b.timezone, openingHours: b.openingHours, slaMinutes: b.slaMinutes };
    const current = existing.get(b.code);
    if (!current) {
      // upsert, not create: another process may seed at the same moment.
      await db.branch.upsert({ where: { code: b.code }, create: { code: b.code, ...data }, update: data });
      result.created += 1;
    } else if (
      current.name !== data.name ||
      current.address !== data.address ||
      current.city !== data.city ||
      current.phone !== data.phone ||
      current.mapUrl !== data.mapUrl ||
      current.timezone !== data.timezone ||
      current.slaMinutes !== data.slaMinutes ||
      sameHours(current.openingHours, data.openingHours) === false
    ) {
      await db.branch.update({ where: { code: b.code }, data });
      result.updated += 1;
    } else {
      result.unchanged += 1;
    }
  }
  return result;
}
