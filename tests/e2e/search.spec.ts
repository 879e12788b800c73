import { expect, test } from "./fixtures";

test("search finds the section on saddle points from 'saddle', offline, and goes to it", async ({ page }) => {
  await page.goto("/");
  // The index is fetched only when someone searches.
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const box = page.getByRole("searchbox", { name: "Search the course" });
  await box.fill("saddle");
  expect(fetched).toContain("/search-index.json");
  const results = page.getByRole("list", { name: "Search results" });
  // Announced: the count is in a polite live region inside the search landmark.
  const count = page.getByRole("search").locator("[aria-live=polite]");
  await expect(count).toHaveText(/^[1-9]\d* results?$/);
  const hit = results.getByRole("link", { name: /Local minima and saddle points/ });
  await expect(hit).toContainText("Challenges: step sizes, saddles");
  await hit.click();
  await expect(page).toHaveURL(/\/lessons\/challenges#local-minima-and-saddle-points$/);
  await expect(page.getByRole("heading", { level: 2, name: "Local minima and saddle points" })).toBeInViewport();
});

test("search finds exercises by their prompt, and says when nothing matches", async ({ page }) => {
  await page.goto("/lessons/optimizers");
  const box = page.getByRole("searchbox", { name: "Search the course" });
  await box.fill("coin flips");
  await expect(page.getByRole("list", { name: "Search results" }).getByRole("link", { name: /Exercise.*coin flips/ })).toBeVisible();
  await box.fill("zzzqqq");
  await expect(page.getByRole("list", { name: "Search results" })).toContainText("Nothing found");
  await expect(page.getByRole("search").locator("[aria-live=polite]")).toHaveText("0 results");
});
