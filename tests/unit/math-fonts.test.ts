import katex from "katex";
import { describe, expect, it } from "vitest";
import { exerciseComponentFor } from "@/app/_lib/exercises.server";
import { compileLesson } from "@/course/lessons.server";
import { mathFonts, mathFontsScript } from "@/course/math-fonts";

const typeset = (tex: string, displayMode = false) => katex.renderToString(tex, { displayMode });

describe("mathFonts", () => {
  it("finds the faces KaTeX's style sheet draws a formula's classes in", () => {
    expect(mathFonts(typeset("x + 1"))).toEqual(["italic normal 1em KaTeX_Math", "normal normal 1em KaTeX_Main"]);
    expect(mathFonts(typeset("\\mathcal{L}(\\theta)"))).toContain("normal normal 1em KaTeX_Caligraphic");
    expect(mathFonts(typeset("\\sum_i \\left( \\frac{a}{b} \\right)", true))).toContain("normal normal 1em KaTeX_Size2");
    expect(mathFonts(typeset("\\mathbf{W}"))).toContain("normal 700 1em KaTeX_Main");
  });

  it("reads the markup inside compiled MDX strings, and finds none without math", () => {
    const compiled = `_jsx("span", { className: "katex", dangerouslySetInnerHTML: { __html: ${JSON.stringify(typeset("\\mathbb{R}"))} } })`;
    expect(mathFonts(compiled)).toContain("normal normal 1em KaTeX_AMS");
    expect(mathFonts('<p class="lead">No math here.</p>')).toEqual([]);
  });

  it("covers the faces of a lesson's formulas and of its exercises' prompts", async () => {
    const [lesson, Exercise] = await Promise.all([compileLesson("maximum-likelihood"), exerciseComponentFor("maximum-likelihood")]);
    const fonts = mathFonts([lesson.code, ...Exercise.promptCodes].join("\n"));
    expect(fonts).toEqual(expect.arrayContaining(["italic normal 1em KaTeX_Math", "normal normal 1em KaTeX_Main", "normal normal 1em KaTeX_Size1", "normal normal 1em KaTeX_Size4"]));
    expect(mathFontsScript(fonts)).toContain("document.fonts.load");
  });
});
