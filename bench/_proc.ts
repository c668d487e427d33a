// CPU time as Linux's /proc reports it, for the benchmarks that print CPU per message or per turn.
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

function ownTicks(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // gone
  }
}

/** CPU seconds (user + system) of a process; with `withChildren`, of its live children too (PostgreSQL's backends). */
export function cpuSeconds(pid: number, withChildren = false): number {
  let ticks = ownTicks(pid);
  if (withChildren) {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
        if (ppid === pid) ticks += ownTicks(Number(entry));
      } catch {
        /* gone */
      }
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Seconds of the machine's CPU time the hypervisor gave to someone else (the "steal" column of
 * /proc/stat). No process is charged for it, so it shows as latency from nowhere.
 */
export function stolenSeconds(): number {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
  return Number(fields[8] ?? 0) / TICKS_PER_SECOND;
}
