import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD, EXTRA_ROLES, READY_AT_FILE, ROLES, storageState, type AnyRole } from "./roles";

// The first setup step runs as soon as the fresh server answers: the moment demo-live.spec.ts counts its two minutes from.
setup("note when the server answered", async ({ request }) => {
  expect((await request.get("/api/v1/health")).status()).toBe(200);
  mkdirSync("e2e/.auth", { recursive: true });
  writeFileSync(READY_AT_FILE, JSON.stringify({ readyAt: new Date().toISOString() }));
});

// Signs in once per demo role through the real sign-in form and keeps the session for the ui specs.
for (const [role, email] of Object.entries({ ...ROLES, ...EXTRA_ROLES }) as [AnyRole, string][]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // Signing in hashes the password (argon2): slow while the fresh server is still busy with its first minutes.
    await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await page.context().storageState({ path: storageState(role) });
  });
}
