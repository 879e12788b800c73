import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLesson } from "@/course/lesson";
import { countedSections, emptyProgress, mergeProgress, type Progress, sectionDone } from "@/components/progress-model";

describe("a lesson's outline", () => {
  it("lists its ## sections with the page's anchors, their cells and exercises, and their prose without code or math", () => {
    const { sections } = parseLesson(readFileSync("content/lessons/challenges.mdx", "utf8"), "content/lessons/challenges.mdx");
    expect(sections.map(({ id, cells, exercises }) => ({ id, cells, exercises }))).toEqual([
      { id: "learning-objectives", cells: [], exercises: [] },
      { id: "learning-rate-dilemmas", cells: [1, 2, 3], exercises: [] },
      { id: "local-minima-and-saddle-points", cells: [4, 5], exercises: ["classify-critical-point"] },
      { id: "plateaus", cells: [6], exercises: ["plateau-mask"] },
      { id: "vanishing-and-exploding-gradients", cells: [7, 8], exercises: [] },
      { id: "exercises", cells: [], exercises: ["stable-learning-rate", "chain-gradients", "numeric-gradient"] },
      { id: "summary", cells: [], exercises: [] },
    ]);
    const saddles = sections[2]!;
    expect(saddles.text).toContain("saddle");
    expect(saddles.text).not.toMatch(/const |\$|<Cell/);
    expect(countedSections(sections)).toHaveLength(5);
  });
});

describe("progress", () => {
  const laptop: Progress = {
    lessons: { optimizers: { cells: [1, 3], exercises: { descend: { checked: true, passed: false, best: 2, max: 5 } } } },
    last: { lesson: "optimizers", section: "momentum", at: "2026-12-01T10:00:00.000Z" },
  };
  const phone: Progress = {
    lessons: { optimizers: { cells: [2, 3], exercises: { descend: { checked: true, passed: true, best: 4, max: 5 } } }, challenges: { cells: [1], exercises: {} } },
    last: { lesson: "challenges", at: "2026-12-01T11:00:00.000Z" },
  };

  it("merges two devices' copies in either order: cells add up, passed stays passed, the best score wins, the latest position wins", () => {
    const merged = mergeProgress(laptop, phone);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(mergeProgress(phone, laptop)));
    expect(merged.lessons.optimizers).toEqual({ cells: [1, 2, 3], exercises: { descend: { checked: true, passed: true, best: 4, max: 5 } } });
    expect(merged.lessons.challenges?.cells).toEqual([1]);
    expect(merged.last?.lesson).toBe("challenges");
    expect(mergeProgress(merged, merged)).toEqual(merged);
    expect(mergeProgress(emptyProgress(), laptop)).toEqual(laptop);
  });

  it("counts a section done when each of its cells ran and each of its exercises passed", () => {
    const section = { cells: [1, 2], exercises: ["descend"] };
    expect(sectionDone(section, laptop.lessons.optimizers)).toBe(false);
    expect(sectionDone(section, mergeProgress(laptop, phone).lessons.optimizers)).toBe(true);
    expect(sectionDone(section, undefined)).toBe(false);
  });
});
