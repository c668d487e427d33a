import { describe, expect, it } from "vitest";
import { clockIn, groupWeek, isOpenAt, parseOpeningHours, weekdayIn } from "../../api/dialog/opening-hours.js";

const hours = parseOpeningHours({
  mon: [["08:00", "16:00"]],
  tue: [["08:00", "16:00"]],
  wed: [["08:00", "16:00"]],
  thu: [["08:00", "16:00"]],
  fri: [["08:00", "11:30"], ["13:00", "16:00"]],
  sat: [["08:00", "12:00"]],
  sun: [],
});

describe("opening hours", () => {
  it("reads the Branch.openingHours JSON and ignores broken entries", () => {
    expect(hours.fri).toHaveLength(2);
    expect(parseOpeningHours({ mon: [["8", "16"]], tue: "x", wed: [["16:00", "08:00"]] })).toMatchObject({ mon: [], tue: [], wed: [], sun: [] });
  });

  it("groups days with equal hours", () => {
    expect(groupWeek(hours).map((g) => `${g.from}-${g.to}:${g.ranges.length}`)).toEqual(["mon-thu:1", "fri-fri:2", "sat-sat:1", "sun-sun:0"]);
  });

  it("uses the branch's time zone (Kupang is UTC+8)", () => {
    const sundayNightUtc = new Date("2026-11-22T17:00:00Z"); // Monday 01:00 in Kupang
    expect(weekdayIn(sundayNightUtc, "Asia/Makassar")).toBe("mon");
    expect(clockIn(new Date("2026-11-23T01:30:00Z"), "Asia/Makassar")).toBe("09:30");
    expect(isOpenAt(hours, new Date("2026-11-23T01:30:00Z"), "Asia/Makassar")).toBe(true);
    expect(isOpenAt(hours, new Date("2026-11-27T04:00:00Z"), "Asia/Makassar")).toBe(false); // Friday 12:00, lunch break
  });
});
