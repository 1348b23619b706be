import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, EXTRA_ROLES, ROLES, storageState, type RoleName } from "../roles";

const SECTIONS = [
  { link: "Catalog", heading: "Catalog" },
  { link: "Lineage", heading: "Lineage" },
  { link: "Contracts", heading: "Contracts" },
  { link: "Health", heading: "Health" },
  { link: "Compliance", heading: "Compliance" },
  { link: "Overview", heading: /Welcome/ },
];

const EXPECTED: Record<RoleName, { name: string; role: string; admin: boolean; audit: boolean; compliance: boolean }> = {
  admin: { name: "admin", role: "Admin", admin: true, audit: true, compliance: true },
  architect: { name: "architect", role: "Architect", admin: false, audit: true, compliance: true },
  compliance: { name: "compliance", role: "Compliance", admin: false, audit: true, compliance: true },
  producer: { name: "producer", role: "Member", admin: false, audit: false, compliance: false },
  consumer: { name: "consumer", role: "Member", admin: false, audit: false, compliance: false },
};

for (const [role, expected] of Object.entries(EXPECTED) as [RoleName, (typeof EXPECTED)[RoleName]][]) {
  test.describe(`signed in as ${role}`, () => {
    test.use({ storageState: storageState(role) });

    test("navigates every section of the shell and sees only the admin links the role allows", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const section of SECTIONS.filter((s) => expected.compliance || s.link !== "Compliance")) {
        await nav.getByRole("link", { name: section.link, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(section.heading);
        await expect(nav.getByRole("link", { name: section.link, exact: true })).toHaveAttribute("aria-current", "page");
      }
      await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveCount(expected.admin ? 1 : 0);
      await expect(nav.getByRole("link", { name: "Audit trail", exact: true })).toHaveCount(expected.audit ? 1 : 0);
      await expect(nav.getByRole("link", { name: "Compliance", exact: true })).toHaveCount(expected.compliance ? 1 : 0);
    });

    test("the user menu names the signed-in user and role", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("button", { name: /account menu/ }).click();
      const menu = page.getByRole("menu");
      await expect(menu).toContainText(ROLES[role]);
      await expect(menu).toContainText(new RegExp(expected.role, "i"));
    });
  });
}

test.describe("signing in and out", () => {
  test("a signed-out visitor is sent to sign-in, and a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("Email").fill(ROLES.admin);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signs in with the demo password and signs out from the user menu", async ({ page }) => {
    // Signing out ends every session of that user, so this uses the one demo user whose saved sign-in the later specs
    // (the README tour) do not need.
    await page.goto("/signin");
    await page.getByLabel("Email").fill(EXTRA_ROLES.consumer2);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await page.getByRole("button", { name: /account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});

test("pages carry a nonce-based Content-Security-Policy and refuse framing", async ({ page }) => {
  const response = await page.goto("/signin");
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
