/** Where the engine and jobs get the time; tests pass a fixed or stepping clock. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
