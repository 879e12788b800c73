import { cell, expect, LESSON, output, test } from "./fixtures";

test("code typed right after the first click, before the editor loads, is kept and runs", async ({ page }) => {
  // Hold the editor back (its type declarations load before it mounts), as a busy machine does.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/engine/types.json", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(LESSON);
  await cell(page, 1).getByRole("textbox", { name: "Code of code cell 1" }).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type('\nconsole.log("typed-early");', { delay: 0 });
  await expect(cell(page, 1).locator(".monaco-editor")).toBeHidden();
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  await expect(output(page, 1)).toContainText("typed-early");

  // The editor arrives with the text and the caret: typing goes on where it left off.
  release();
  const editor = cell(page, 1).locator(".monaco-editor");
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await expect(editor.locator(".view-lines")).toContainText('console.log("typed-early");');
  await page.keyboard.type('\nconsole.log("typed-later");', { delay: 0 });
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("typed-later");
  await expect(output(page, 1)).toContainText("typed-early");
});
