import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

test.describe("global search", () => {
  test.use({ storageState: storageState("consumer") });

  test("Ctrl+K and / open it anywhere; a typo still finds Payments; Enter opens the hit", async ({ page }) => {
    await page.goto("/health");
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Search the estate" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("combobox", { name: "Search" }).fill("paymnt");
    const results = dialog.getByRole("listbox", { name: "Search results" });
    await expect(results.getByRole("option").filter({ hasText: "Payments API" }).first()).toBeVisible();
    await page.keyboard.press("Escape");

    await page.goto("/contracts");
    await page.keyboard.press("/");
    await dialog.getByRole("combobox", { name: "Search" }).fill("Payments API");
    await expect(results.getByRole("option").first()).toContainText("Payments API");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/(catalog\/interfaces|contracts|catalog\/systems|catalog\/flows)\//);
  });
});
