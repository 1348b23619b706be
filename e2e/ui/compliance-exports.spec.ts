import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

test.describe("compliance exports", () => {
  test.use({ storageState: storageState("compliance") });

  test("a compliance officer reads the DORA validation report and downloads each export", async ({ page }) => {
    await page.goto("/compliance/exports");
    await expect(page.getByRole("heading", { level: 1, name: "Regulatory exports" })).toBeVisible();

    // The demo register leaves a few mandatory values empty on purpose; the report names them.
    const missing = page.getByRole("table", { name: "Register errors" });
    await expect(missing.getByRole("row", { name: /B_02\.01.*ICT-2024-031.*Annual expense or estimated cost/ })).toBeVisible();
    await expect(missing.getByRole("row", { name: /B_05\.01.*SCHUFA Holding AG.*c0010.*Identification code/ })).toBeVisible();
    await expect(missing.getByRole("row", { name: /B_06\.01.*F4 Consumer lending decisions.*Recovery time objective/ })).toBeVisible();

    const downloads: [RegExp, RegExp, (content: Buffer) => void][] = [
      [/Record of processing \(CSV\)/, /^ropa-\d{4}-\d{2}-\d{2}\.csv$/, (c) => expect(c.toString("utf8")).toMatch(/^Processing activity,Role,Controller name \[Art\. 30\(1\)\(a\)\]/)],
      [/Record of processing \(Excel\)/, /^ropa-\d{4}-\d{2}-\d{2}\.xlsx$/, (c) => expect(c.subarray(0, 2).toString()).toBe("PK")],
      [/Record of processing \(PDF\)/, /^ropa-\d{4}-\d{2}-\d{2}\.pdf$/, (c) => expect(c.subarray(0, 5).toString()).toBe("%PDF-")],
      [/Data-flow map \(CSV\)/, /^dataflows-\d{4}-\d{2}-\d{2}\.csv$/, (c) => expect(c.toString("utf8")).toMatch(/^Flow,Flow id,Source system,Destination system,/)],
      [/Register of Information/, /^[A-Z0-9]{20}\.CON_DE_DORA010100_DORA_\d{4}-12-31_\d{17}\.zip$/, (c) => expect(c.subarray(0, 2).toString()).toBe("PK")],
      [/In-scope inventory \(CSV\)/, /^pci-inventory-\d{4}-\d{2}-\d{2}\.csv$/, (c) => expect(c.toString("utf8")).toMatch(/^Item,Id,Name,Scope,/)],
      [/Account-data flow diagram/, /^pci-account-data-flows-\d{4}-\d{2}-\d{2}\.svg$/, (c) => expect(c.toString("utf8")).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)],
    ];
    for (const [link, filename, check] of downloads) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
      expect(download.suggestedFilename()).toMatch(filename);
      check(await readFile((await download.path())!));
    }

    // Each download is in the audit trail, and so in the export history.
    await page.reload();
    const history = page.getByRole("table", { name: "Export history" });
    await expect(history.getByRole("row", { name: /ropa-.*\.pdf.*compliance@interchange\.local/ }).first()).toBeVisible();
    await expect(history.getByRole("row", { name: /\.zip.*compliance@interchange\.local/ }).first()).toBeVisible();
  });

  test("a compliance officer fills in a missing value and the validation report drops it", async ({ page }) => {
    await page.goto("/compliance/records/functions");
    const row = page.getByRole("row", { name: /F4.*Consumer lending decisions/ });
    await row.getByRole("button", { name: "Edit Consumer lending decisions" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit business function" });
    await dialog.getByLabel("RTO (hours)").fill("8");
    await dialog.getByLabel("RPO (hours)").fill("1");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const updated = page.getByRole("row", { name: /F4.*Consumer lending decisions/ });
    await expect(updated.getByRole("cell", { name: "8", exact: true })).toBeVisible();
    await expect(updated.getByRole("cell", { name: "1", exact: true })).toBeVisible();

    await page.goto("/compliance/exports");
    const missing = page.getByRole("table", { name: "Register errors" });
    await expect(missing.getByRole("row", { name: /B_02\.01.*ICT-2024-031/ })).toBeVisible();
    await expect(missing.getByRole("row", { name: /B_06\.01.*F4 Consumer lending decisions/ })).toHaveCount(0);
  });
});
