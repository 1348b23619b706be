import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD, EXTRA_ROLES, ROLES, storageState, type AnyRole } from "./roles";

// Signs in once per demo role through the real sign-in form and keeps the session for the ui specs.
for (const [role, email] of Object.entries({ ...ROLES, ...EXTRA_ROLES }) as [AnyRole, string][]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await page.context().storageState({ path: storageState(role) });
  });
}
