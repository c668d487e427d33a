// Timers that only fire when the test says so, with a clock that moves only when they fire or
// the test advances it: reconnect delays and poll intervals are checked as values, never waited for.
import type { Timers } from "../../bot/whatsapp/timers.js";

type Scheduled = { id: number; at: number; ms: number; fn: () => void };

export type ManualTimers = Timers & {
  /** Delays of the timers currently scheduled, in scheduling order. */
  pending(): number[];
  /** Moves the clock to the earliest timer and runs it; returns its delay. */
  fireNext(): number;
  advance(ms: number): void;
};

/** Manual timers starting at `start` (ms since epoch). */
export function manualTimers(start = Date.UTC(2025, 10, 21, 8, 0, 0)): ManualTimers {
  let now = start;
  let nextId = 1;
  let scheduled: Scheduled[] = [];
  return {
    setTimeout(fn, ms) {
      const s = { id: nextId++, at: now + Math.max(0, ms), ms, fn };
      scheduled.push(s);
      return s.id;
    },
    clearTimeout(handle) {
      scheduled = scheduled.filter((s) => s.id !== handle);
    },
    now: () => now,
    pending: () => scheduled.map((s) => s.ms),
    fireNext() {
      const first = [...scheduled].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!first) throw new Error("no timer is scheduled");
      scheduled = scheduled.filter((s) => s !== first);
      now = Math.max(now, first.at);
      first.fn();
      return first.ms;
    },
    advance(ms) {
      now += ms;
    },
  };
}
