import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../api/logger.js";

/** A logger that keeps its JSON lines in memory so tests can read what was logged. */
export function memoryLogger(): Logger & { lines(): Record<string, unknown>[]; text(): string } {
  const chunks: string[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ level: "debug", destination: dest }) as Logger & { lines(): Record<string, unknown>[]; text(): string };
  log.text = () => chunks.join("");
  log.lines = () => chunks.join("").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return log;
}
