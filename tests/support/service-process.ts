import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type ServiceProcess = { child: ChildProcess; output(): string; port(): Promise<number>; exited: Promise<number | null> };

/** Runs `tsx api/main.ts` (what `npm start` runs) as a child with the given environment. */
export function startService(env: Record<string, string | undefined>): ServiceProcess {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, LOG_LEVEL: "warn", ...env })) if (v !== undefined) clean[k] = v;
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["api/main.ts"], { cwd: ROOT, env: clean, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    port: () =>
      waitFor(() => {
        const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
        return m ? Number(m[1]) : undefined;
      }, 90_000, () => `service did not print its URL:\n${out}`),
  };
}

/** Polls `probe` until it returns a value, or fails with `explain()` after `ms`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, explain: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pids of live processes whose command line mentions `needle` (e.g. a DATA_DIR). */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (cmd.includes(needle) && !/\) Z /.test(stat)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}
