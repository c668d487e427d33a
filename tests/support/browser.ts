// Real-browser tests without Playwright's own browser downloads: playwright-core drives Debian's
// chromium (/usr/bin/chromium, installed by .ci/run), headless, with a fresh profile per launch.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../../test-results");

/**
 * Whether browser tests can run here. Without chromium they are skipped with this reason on a
 * developer machine; in CI (process.env.CI set) a missing chromium is an error, never a skip.
 */
export function browserSkipReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `browser test skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(`${reason}; in CI the browser test must run`);
  return reason;
}

/** A headless chromium with a fresh user-data-dir; close() also removes the profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tp-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 780 },
    locale: "id-ID",
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves a fetch handler (the real Hono app) on 127.0.0.1 on a free port. */
export async function serveOnLocalhost(fetchHandler: (req: Request) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: fetchHandler, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Where a test's screenshot goes (test-results/<name>.png). */
export function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, `${name}.png`);
}
