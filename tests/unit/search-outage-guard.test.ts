import { describe, expect, it } from "vitest";
import { createOutageGuard } from "../../search/outage-guard.js";
import { memoryLogger } from "../support/silent-logger.js";

function setup(probeResult: () => Promise<void>) {
  let now = 1_000;
  let probes = 0;
  const log = memoryLogger();
  const guard = createOutageGuard({
    log,
    probeEveryMs: 3000,
    now: () => now,
    probe: () => {
      probes++;
      return probeResult();
    },
  });
  return { guard, log, advance: (ms: number) => (now += ms), probes: () => probes };
}

describe("deciding whether to ask Meilisearch", () => {
  it("stops asking after a failure and probes at most once per interval", async () => {
    const s = setup(() => Promise.reject(new Error("still down")));
    expect(s.guard.useMeili()).toBe(true);
    s.guard.failed(new Error("ECONNREFUSED"));
    s.guard.failed(new Error("ECONNREFUSED"));
    expect(s.guard.useMeili()).toBe(false);
    expect(s.probes()).toBe(0);
    s.advance(3000);
    expect(s.guard.useMeili()).toBe(false);
    expect(s.guard.useMeili()).toBe(false);
    await s.guard.settled();
    expect(s.probes()).toBe(1);
    s.advance(1000);
    s.guard.useMeili();
    expect(s.probes()).toBe(1);
    expect(s.log.lines().filter((l) => String(l.msg).startsWith("Meilisearch unavailable"))).toHaveLength(1);
  });

  it("goes back to Meilisearch once a probe succeeds, and says so once", async () => {
    const s = setup(() => Promise.resolve());
    s.guard.failed(new Error("timeout"));
    s.advance(3000);
    expect(s.guard.useMeili()).toBe(false);
    await s.guard.settled();
    expect(s.guard.useMeili()).toBe(true);
    expect(s.log.lines().filter((l) => String(l.msg).startsWith("Meilisearch is back"))).toHaveLength(1);
  });
});
