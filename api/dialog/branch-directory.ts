import type { Db } from "../db/prisma.js";
import type { Clock } from "./clock.js";
import { parseOpeningHours, type WeekHours } from "./opening-hours.js";

/** A branch as the dialog shows it. */
export type BranchInfo = {
  code: string;
  name: string;
  /** The name without what all branches share ("Perpustakaan Kota Kupang - Cabang Oebobo" -> "Cabang Oebobo"). */
  shortName: string;
  address: string;
  city: string;
  phone: string | null;
  mapUrl: string | null;
  timezone: string;
  hours: WeekHours;
};

/** Drops the prefix every branch name shares, up to a separator, so cards can say "Cabang Oebobo". */
export function shortBranchNames(names: string[]): string[] {
  if (names.length < 2) return names;
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf(" - "), prefix.lastIndexOf(" – "), prefix.lastIndexOf(", "));
  if (cut < 0) return names;
  const sep = prefix.slice(cut).match(/^( - | – |, )/)![0];
  return names.map((n) => n.slice(cut + sep.length).trim() || n);
}

export type BranchDirectory = { list(): Promise<BranchInfo[]> };

/** Branches from PostgreSQL, cached briefly: they change a few times a year and are needed by every message. */
export function createBranchDirectory(opts: { db: Db; clock: Clock; ttlMs?: number }): BranchDirectory {
  const ttl = opts.ttlMs ?? 60_000;
  let cached: { at: number; rows: BranchInfo[] } | null = null;
  let loading: Promise<BranchInfo[]> | null = null;
  return {
    async list() {
      const now = opts.clock.now().getTime();
      if (cached && now - cached.at < ttl && now >= cached.at) return cached.rows;
      loading ??= opts.db.branch
        .findMany({ orderBy: { id: "asc" } })
        .then((rows) => {
          const short = shortBranchNames(rows.map((b) => b.name));
          return rows.map((b, i) => ({
            code: b.code,
            name: b.name,
            shortName: short[i]!,
            address: b.address,
            city: b.city,
            phone: b.phone,
            mapUrl: b.mapUrl,
            timezone: b.timezone,
            hours: parseOpeningHours(b.openingHours),
          }));
        })
        .then((rows) => {
          cached = { at: now, rows };
          return rows;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
  };
}
