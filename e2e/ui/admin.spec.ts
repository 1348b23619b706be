import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

test.describe("administration", () => {
  test.use({ storageState: storageState("admin") });

  test("an admin creates a user and a team, adds the user to the team, and the audit trail shows each change", async ({ page }) => {
    const stamp = Date.now().toString(36);
    const email = `dana.${stamp}@example.com`;

    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    const userDialog = page.getByRole("dialog", { name: "New user" });
    await userDialog.getByLabel("Name").fill(`Dana ${stamp}`);
    await userDialog.getByLabel("Email").fill("not-an-email");
    await userDialog.getByLabel("Role").selectOption("ARCHITECT");
    await userDialog.getByLabel("Initial password").fill("a-strong-initial-password");
    await userDialog.getByRole("button", { name: "Create user" }).click();
    await expect(userDialog.getByText("Enter a valid email address")).toBeVisible();
    await userDialog.getByLabel("Email").fill(email);
    await userDialog.getByRole("button", { name: "Create user" }).click();
    await expect(userDialog).toBeHidden();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

    await page.goto("/admin/teams");
    await page.getByRole("button", { name: "New team" }).click();
    const teamDialog = page.getByRole("dialog", { name: "New team" });
    await teamDialog.getByLabel("Name").fill(`Pricing ${stamp}`);
    await teamDialog.getByLabel("Slug").fill(`pricing-${stamp}`);
    await teamDialog.getByRole("button", { name: "Create team" }).click();
    await expect(teamDialog).toBeHidden();
    await page.getByLabel(`Person to add to Pricing ${stamp}`).selectOption({ label: `Dana ${stamp} (${email})` });
    await page.getByLabel(`Person to add to Pricing ${stamp}`).locator("xpath=ancestor::form").getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("list", { name: `Members of Pricing ${stamp}` })).toContainText(`Dana ${stamp}`);

    await page.goto("/admin/audit");
    const table = page.getByRole("table");
    await expect(table.getByRole("row", { name: /user\.create/ }).filter({ hasText: email })).toBeVisible();
    await expect(table.getByRole("row", { name: /team\.create/ }).filter({ hasText: `pricing-${stamp}` })).toBeVisible();
    await expect(table.getByRole("row", { name: /team\.member_add/ }).filter({ hasText: email })).toBeVisible();

    await page.getByLabel("Action").fill("team.");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=team\./);
    await expect(table.getByRole("row", { name: /user\.create/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Chain intact" })).toBeVisible();
  });

  test("an admin creates an API token that is shown once, then revokes it", async ({ page }) => {
    await page.goto("/account/tokens");
    await page.getByLabel("Token name").fill("e2e-laptop");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByLabel("New API token");
    await expect(secret).toHaveText(/^ic_/);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy token" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secret.textContent());
    await page.reload();
    await expect(page.getByLabel("New API token")).toHaveCount(0);
    const row = page.getByRole("row", { name: /e2e-laptop/ });
    await row.getByRole("button", { name: "Revoke e2e-laptop" }).click();
    await expect(row).toContainText("Revoked");
  });
});

test.describe("role changes", () => {
  test.use({ storageState: storageState("admin") });

  test("ask for confirmation: Cancel keeps the role, Confirm changes it", async ({ page }) => {
    const stamp = Date.now().toString(36);
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Name").fill(`Robin ${stamp}`);
    await dialog.getByLabel("Email").fill(`robin.${stamp}@example.com`);
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();

    const role = page.getByLabel(`Role of Robin ${stamp}`);
    await expect(role.locator("option:checked")).toHaveText("Member");
    await role.selectOption("ADMIN");
    const confirm = page.getByRole("dialog", { name: "Change role?" });
    await expect(confirm).toContainText(`Robin ${stamp} becomes Admin (now Member)`);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(page.getByLabel(`Role of Robin ${stamp}`).locator("option:checked")).toHaveText("Member");

    await page.getByLabel(`Role of Robin ${stamp}`).selectOption("ARCHITECT");
    await page.getByRole("dialog", { name: "Change role?" }).getByRole("button", { name: "Confirm" }).click();
    await page.reload();
    await expect(page.getByLabel(`Role of Robin ${stamp}`).locator("option:checked")).toHaveText("Architect");
  });
});

test.describe("a member", () => {
  test.use({ storageState: storageState("consumer") });

  test("is refused the admin pages with a 403 page", async ({ page }) => {
    for (const path of ["/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
      await expect(page.getByText("403")).toBeVisible();
    }
  });
});
