// Shared start/stop frame of the channel workers that run on their own (`npm run start:telegram`,
// `npm run start:whatsapp`): config or a clear exit, and one graceful stop on SIGINT/SIGTERM.
import { ConfigError, loadConfig, type Config } from "../api/config.js";
import { CleanupStack } from "../api/lib/cleanup-stack.js";

/** Prints the message and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Reads the config, or exits naming the variable that is wrong. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/** Runs `cleanup` once on SIGINT/SIGTERM (or when the returned stop is called), then exits; forced after `timeoutMs`. */
export function stopOnSignals(cleanup: CleanupStack, timeoutMs: number, onError: (part: string, err: unknown) => void): (code: number) => Promise<void> {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code || 1), timeoutMs);
    await cleanup.run(onError);
    clearTimeout(force);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  return stop;
}
