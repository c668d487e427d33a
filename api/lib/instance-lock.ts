import fs from "node:fs";
import path from "node:path";
import { commandLine, isAlive } from "./processes.js";

/** Raised when another live instance already uses the same DATA_DIR. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`DATA_DIR ${dataDir} is in use by another running instance (pid ${pid}). Stop it or set another DATA_DIR.`);
    this.name = "DataDirInUseError";
  }
}

/**
 * Claims DATA_DIR for this process. A lock left by a crashed run (dead pid) is taken over,
 * so a second start after a crash works; a live owner is refused.
 */
export function claimDataDir(dataDir: string): { release(): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "instance.pid");
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    if (pid && pid !== process.pid && isAlive(pid) && commandLine(pid).includes("node")) {
      throw new DataDirInUseError(dataDir, pid);
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) throw err;
  }
  fs.writeFileSync(file, String(process.pid));
  return {
    release() {
      try {
        if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
      } catch {
        /* already gone */
      }
    },
  };
}
