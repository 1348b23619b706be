import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

test.use({ storageState: storageState("architect") });

const openapi = (title: string) => `openapi: 3.0.3
info:
  title: ${title}
  version: 2.1.0
paths:
  /returns/{id}:
    get:
      summary: Read a return
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        "200":
          description: The return
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Return" }
components:
  schemas:
    Return:
      type: object
      required: [id]
      properties:
        id: { type: string }
        refundIban: { type: string }
`;

test("an architect uploads specs, follows the progress, reads each file's result and opens the new interface", async ({ page }) => {
  const title = `Returns API ${Date.now().toString(36)}`;
  await page.goto("/catalog");
  await page.getByRole("link", { name: "Import specs" }).click();
  await page.getByLabel("Choose files").setInputFiles([
    { name: "returns.yaml", mimeType: "application/yaml", buffer: Buffer.from(openapi(title)) },
    { name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from("openapi: 3.0.3\ninfo: [unclosed\n") },
  ]);

  const progress = page.getByRole("progressbar");
  await expect(progress).toHaveAttribute("aria-valuenow", "2");
  await expect(progress).toHaveAttribute("aria-valuemax", "2");
  await expect(page.getByText("Imported 1 of 2 files; 1 failed")).toBeVisible();

  const results = page.getByRole("list", { name: "Import results" });
  const good = results.getByRole("listitem").filter({ hasText: "returns.yaml" });
  await expect(good).toContainText("created");
  await expect(good).toContainText("1 operation ·");
  const bad = results.getByRole("listitem").filter({ hasText: "broken.yaml" });
  await expect(bad).toContainText("failed");
  await expect(bad).toContainText(/line 3: malformed YAML/);

  await good.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("/returns/{id}")).toBeVisible();
});

test("the importer gives documents that name no owner a team and a system, and the interface shows them", async ({ page }) => {
  const title = `Refunds API ${Date.now().toString(36)}`;
  await page.goto("/catalog/import");
  await page.getByLabel("Owning team").selectOption({ label: "Order Management" });
  await page.getByLabel("System").selectOption({ label: "Order Service" });
  await page.getByLabel("Choose files").setInputFiles([
    { name: "refunds.yaml", mimeType: "application/yaml", buffer: Buffer.from(openapi(title)) },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a spec") },
  ]);
  const results = page.getByRole("list", { name: "Import results" });
  // Only .yaml, .yml and .json files are sent.
  await expect(results.getByRole("listitem")).toHaveCount(1);
  await results.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Order Management").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Order Service" }).first()).toBeVisible();
});
