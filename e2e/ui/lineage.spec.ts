import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageState } from "../roles";

const canvas = (page: Page) => page.getByRole("application", { name: /Lineage map/ });
const nodeCount = async (page: Page) => Number((await page.getByRole("status").filter({ hasText: /nodes/ }).textContent())?.match(/^([\d,]+) nodes?/)?.[1].replaceAll(",", ""));
type Rect = { x: number; y: number; width: number; height: number };
const boxes = (nodes: Locator): Promise<Rect[]> =>
  nodes.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
/** Each drawn node's box on screen, by node id, rounded to the pixel. */
const boxesById = (nodes: Locator) =>
  nodes.evaluateAll((elements) =>
    Object.fromEntries(
      elements.map((e) => {
        const r = e.getBoundingClientRect();
        return [e.getAttribute("data-node-id"), { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }];
      }),
    ),
  );
const within = (inner: Rect, outer: Rect) => inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
const zoomOf = (page: Page) => page.evaluate(() => Number(document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform.match(/scale\(([\d.]+)\)/)?.[1] ?? 0));

test.describe("lineage map", () => {
  test.use({ storageState: storageState("architect") });

  test("the map opens on the domain overview, fitted, with readable labels and flow counts", async ({ page }) => {
    await page.goto("/lineage");
    await expect(page.getByRole("heading", { level: 1, name: "Lineage" })).toBeVisible();
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect(page.getByRole("status").filter({ hasText: /nodes/ })).toContainText("domains");
    const domains = canvas(page).locator('[data-kind="domain"]');
    await expect(domains.first()).toBeVisible();
    // Folded only: no interface and no open system is drawn (a system in no domain, e.g. one an earlier test imported,
    // shows folded beside the domains), and every domain says what it holds and its flows.
    expect(await domains.count()).toBeGreaterThanOrEqual(10);
    await expect(canvas(page).locator('[data-kind="system"][data-collapsed="false"], [data-kind="interface"]')).toHaveCount(0);
    await expect(canvas(page).locator('[data-kind="domain"][data-collapsed="false"]')).toHaveCount(0);
    await expect(canvas(page).getByRole("button", { name: /^Domain Payments, \d+ systems?, \d+ interfaces?, \d+ flows? out, \d+ in, \d+ inside, collapsed(, \d+ policy violations?)?$/ })).toHaveCount(1);
    // Fitted: every domain is inside the map's frame, and each name is at least 12 px high on screen, whole (neither
    // cut off with an ellipsis nor clipped by its box), its counts and badges within its box.
    const frame = (await canvas(page).boundingBox())!;
    for (const box of await boxes(domains)) expect(within(box, frame), "domain inside the map").toBe(true);
    for (const domain of await domains.all()) {
      const label = domain.locator("[data-label]");
      const name = await label.textContent();
      const box = (await label.boundingBox())!;
      expect(box.height, `label "${name}" on screen`).toBeGreaterThanOrEqual(12);
      expect(within(box, (await domain.boundingBox())!), `label "${name}" inside its box`).toBe(true);
      const overflow = await label.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
      expect(overflow, `label "${name}" shown whole`).toEqual({ x: 0, y: 0 });
      // Its counts, flows and badges are inside the box too.
      const clipped = await domain.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll("span")].filter((s) => s.getBoundingClientRect().bottom > box.bottom + 1 || s.getBoundingClientRect().right > box.right + 1).map((s) => s.textContent);
      });
      expect(clipped, `what domain "${name}" shows, inside its box`).toEqual([]);
    }
    // Domain pairs are joined by one edge each, labelled with its count when it merges several flows.
    await expect.poll(() => canvas(page).locator("g[data-edge-style]").count()).toBeGreaterThan(0);
    await expect(canvas(page).locator("[data-edge-count]").first()).toBeVisible();
  });

  test("a domain and a system expand in place, the rest of the map stays put; collapse all and expand all", async ({ page }) => {
    await page.goto("/lineage");
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    const domains = canvas(page).locator('[data-kind="domain"]');
    await expect(domains.first()).toBeVisible();
    const before = await boxesById(domains);

    // Expand Payments (double click): its systems appear inside its box, every domain keeps its place and size.
    await canvas(page).getByRole("button", { name: /^Domain Payments,/ }).dblclick();
    await expect(page).toHaveURL(/[?&]xd=[0-9a-f-]{36}/);
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(1);
    expect(await boxesById(domains)).toEqual(before);
    const payments = before[(await canvas(page).getByRole("button", { name: /^Domain Payments,/ }).getAttribute("data-id"))!];
    const gateway = (await canvas(page).getByRole("button", { name: /^System Payment Gateway/ }).boundingBox())!;
    expect(within(gateway, payments), "the system is drawn inside its domain").toBe(true);

    // Expand the system from its details: its interfaces appear inside it, nothing else moves.
    const systemsBefore = await boxesById(canvas(page).locator('[data-kind="system"]'));
    await canvas(page).getByRole("button", { name: /^System Payment Gateway/ }).click();
    await page.getByRole("region", { name: "Selected node" }).getByRole("button", { name: "Expand" }).click();
    await expect(page).toHaveURL(/[?&]xs=[0-9a-f-]{36}/);
    await expect.poll(() => canvas(page).locator('[data-kind="interface"]').count()).toBeGreaterThan(0);
    expect(await boxesById(canvas(page).locator('[data-kind="system"]'))).toEqual(systemsBefore);
    expect(await boxesById(domains)).toEqual(before);

    // Expand all opens every domain and system where it stands; collapse all returns to the overview.
    await page.getByRole("button", { name: "Expand all" }).click();
    await expect(page).toHaveURL(/xd=all&xs=all/);
    await expect.poll(() => canvas(page).locator('[data-kind="system"]').count()).toBeGreaterThan(10);
    await expect(canvas(page).locator('[data-kind="domain"][data-collapsed="true"]')).toHaveCount(0);
    await page.getByRole("button", { name: "Collapse all" }).click();
    await expect(page).not.toHaveURL(/[?&](xd|xs)=/);
    await expect(canvas(page).locator('[data-kind="system"][data-collapsed="false"], [data-kind="interface"]')).toHaveCount(0);
    expect(await boxesById(domains)).toEqual(before);

    // The view is in the URL: a reload shows the same expansion.
    await canvas(page).getByRole("button", { name: /^Domain Payments,/ }).dblclick();
    await expect(page).toHaveURL(/[?&]xd=/);
    await page.reload();
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(1);
  });

  test("zooming in opens domains into systems, then systems into interfaces", async ({ page }) => {
    await page.goto("/lineage");
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect(canvas(page).locator('[data-kind="domain"]').first()).toBeVisible();
    // The whole estate is in view: no minimap over it. Zoomed in, the minimap shows where the view is.
    await expect(canvas(page).getByRole("img", { name: /Minimap/ })).toHaveCount(0);
    await canvas(page).focus();
    let step = 0;
    while ((await zoomOf(page)) < 0.4 && step++ < 20) await page.keyboard.press("+");
    await expect(canvas(page).getByRole("img", { name: /Minimap/ })).toBeVisible();
    await expect.poll(() => canvas(page).locator('[data-kind="system"]').count()).toBeGreaterThan(0);
    await expect(canvas(page).locator('[data-kind="domain"][data-collapsed="true"]')).toHaveCount(0);
    while ((await zoomOf(page)) < 0.7 && step++ < 30) await page.keyboard.press("+");
    await expect.poll(() => canvas(page).locator('[data-kind="interface"]').count()).toBeGreaterThan(0);
    // Nothing was expanded by hand: the URL still opens on the overview.
    expect(new URL(page.url()).searchParams.get("xd")).toBeNull();
  });

  test("an architect filters by domain, focuses a system (the neighbourhood fits), reads its downstream impact and opens an affected interface", async ({ page }) => {
    await page.goto("/lineage");
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    const whole = await nodeCount(page);
    await expect(canvas(page).getByRole("button", { name: "Fit View", exact: true })).toBeVisible();

    // Filter by domain: the map narrows to Payments' systems and their direct partners, and the URL says so.
    await page.getByRole("button", { name: "Domain", exact: true }).click();
    await page.getByRole("menuitemcheckbox", { name: "Payments", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]domain=[0-9a-f-]{36}/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect.poll(() => nodeCount(page)).toBeLessThan(whole);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/[?&]domain=/);

    // Search to select: the view goes to the system; then focus on it and read what a change there would affect.
    await page.getByRole("searchbox", { name: "Find a node" }).fill("Payment Gateway");
    await page.getByRole("list", { name: "Matching nodes" }).getByRole("button", { name: "System Payment Gateway", exact: true }).click();
    const details = page.getByRole("region", { name: "Selected node" });
    await expect(details).toContainText("Payment Gateway");
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toBeInViewport();
    // Health is the worst SLA status of its interfaces, "no data" until the health feature has measured them.
    await expect(details.locator("dt:text-is('Health') + dd")).toHaveText(/^(ok|at risk|breached|no data)$/);
    await details.getByRole("button", { name: "Focus here" }).click();
    await expect(page).toHaveURL(/[?&]focus=[0-9a-f-]{36}/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    // The whole neighbourhood is on screen: every node the status counts is drawn inside the map's frame.
    await expect(async () => {
      const drawn = canvas(page).locator('[data-kind="system"], [data-kind="interface"]');
      expect(await drawn.count()).toBe(await nodeCount(page));
      const frame = (await canvas(page).boundingBox())!;
      for (const box of await boxes(drawn)) expect(within(box, frame), "neighbour inside the map").toBe(true);
    }).toPass({ timeout: 15_000 });
    await page.getByRole("combobox", { name: "Direction" }).selectOption("down");
    await expect(page).toHaveURL(/[?&]dir=down/);
    const impact = page.getByRole("region", { name: "Downstream impact" });
    const consumers = impact.getByRole("list", { name: "Consumer systems" });
    await expect(consumers.getByRole("link").first()).toBeVisible();
    await expect(impact.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /format=csv/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(1);

    // Follow an affected interface to its catalog page.
    const affected = impact.getByRole("list", { name: "Affected interfaces" }).getByRole("link").first();
    const name = (await affected.textContent())!.trim();
    await affected.click();
    await expect(page).toHaveURL(/\/catalog\/interfaces\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });

  test("rapid filter clicks are never lost: the map ends in the state of the last click", async ({ page }) => {
    await page.goto("/lineage");
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await page.getByRole("button", { name: "Protocol", exact: true }).click();
    const item = (name: string) => page.getByRole("menuitemcheckbox", { name, exact: true });
    // Five clicks without waiting for the map or the address bar in between.
    for (const name of ["HTTP", "KAFKA", "SFTP", "KAFKA", "AMQP"]) await item(name).click({ noWaitAfter: true });
    await page.keyboard.press("Escape");
    await expect.poll(() => new URL(page.url()).searchParams.get("protocol")).toBe("AMQP,HTTP,SFTP");
    await expect(page.getByRole("button", { name: "Protocol (3)" })).toBeVisible();
    // The map drawn is the answer for the last state, not for a query that was in flight before it.
    const answer = (await (await page.request.get("/api/v1/lineage/map?protocol=AMQP,HTTP,SFTP")).json()) as { systems: unknown[]; interfaces: unknown[] };
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect.poll(() => nodeCount(page)).toBe(answer.systems.length + answer.interfaces.length);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`no part of the map or the impact panel is wider than a ${viewport.width} px window`, async ({ page }) => {
      await page.setViewportSize(viewport);
      // A system that provides a consumed interface, so its downstream impact lists something.
      const estate = (await (await page.request.get("/api/v1/lineage/map")).json()) as { interfaces: { id: string; systemId: string }[]; flows: { interfaceId: string }[] };
      const provider = estate.interfaces.find((i) => i.id === estate.flows[0].interfaceId)!.systemId;
      await page.goto(`/lineage?focus=${provider}&sel=${provider}`);
      await expect(canvas(page)).toHaveAttribute("data-ready", "true");
      await expect(page.getByRole("region", { name: "Downstream impact" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Downstream impact" }).getByRole("heading", { name: /^Affected interfaces \(\d+\)/ })).toBeVisible();
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(width.scroll).toBeLessThanOrEqual(width.client);
    });
  }

  test("the map answers the keyboard, labels an edge on hover, traces a field and exports the view as SVG and PNG", async ({ page }) => {
    // An interface whose flows map fields (the demo derives mappings from matching field paths).
    const { items } = (await (await page.request.get("/api/v1/interfaces?limit=100")).json()) as { items: { id: string; name: string }[] };
    let traced: { id: string; name: string; field: string } | null = null;
    for (const item of items) {
      const trace = (await (await page.request.get(`/api/v1/lineage/fields?interface=${item.id}`)).json()) as { fields: string[] };
      if (trace.fields.length) {
        traced = { ...item, field: trace.fields[0] };
        break;
      }
    }
    expect(traced, "the demo estate has an interface with mapped fields").not.toBeNull();

    // Every domain and system open, so the field's interfaces and the flow edges between them are drawn.
    await page.goto(`/lineage?sel=${traced!.id}&xd=all&xs=all`);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    const details = page.getByRole("region", { name: "Selected node" });
    await expect(details).toContainText(traced!.name);

    // Field lineage: picking a field lights up the nodes it travels through and says where it goes.
    const fields = page.getByRole("region", { name: "Field lineage" });
    await fields.getByRole("button", { name: traced!.field, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("field")).toBe(traced!.field);
    await expect(fields.getByRole("list", { name: `Where ${traced!.field} travels` }).getByRole("listitem").first()).toBeVisible();
    // "0" fits the whole map in view, so every node the field reaches is drawn.
    await canvas(page).focus();
    await page.keyboard.press("0");
    await expect.poll(() => canvas(page).locator('[data-highlighted="true"]').count()).toBeGreaterThan(1);
    await expect.poll(() => canvas(page).locator('g[data-lit="true"]').count()).toBeGreaterThan(0);
    await fields.getByRole("button", { name: traced!.field, exact: true }).click();
    await expect(page).not.toHaveURL(/[?&]field=/);

    // Hovering a flow edge labels it with its style, protocol and flow count; clicking it selects the system it
    // delivers to. Found at an edge's middle (a bezier's middle is its bounding box's centre) where the pointer
    // reaches a flow edge; retried, since the view may still move to a refined layout.
    await expect(async () => {
      await canvas(page).focus();
      await page.keyboard.press("0");
      const point = await page.evaluate(() => {
        for (const path of document.querySelectorAll("g[data-edge-style]:not([data-edge-style=provides]) .react-flow__edge-interaction")) {
          const box = path.getBoundingClientRect();
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          const hit = document.elementFromPoint(x, y)?.closest("g[data-edge-style]");
          if (hit && hit.getAttribute("data-edge-style") !== "provides") return { x, y };
        }
        return null;
      });
      expect(point, "a flow edge is in view").not.toBeNull();
      await page.mouse.move(point!.x, point!.y);
      await expect(canvas(page).getByRole("tooltip")).toContainText(/\d+ flows?/, { timeout: 2000 });
      await page.mouse.move(0, 0);
      await expect(canvas(page).getByRole("tooltip")).toHaveCount(0, { timeout: 2000 });
      await page.mouse.click(point!.x, point!.y);
      await expect(page.getByRole("region", { name: "Selected node" }).getByRole("heading", { name: "System" })).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });

    // Keyboard: arrow keys move the selection from node to node, Enter focuses the selected node.
    const start = new URL(page.url()).searchParams.get("sel")!;
    await canvas(page).locator(`.react-flow__node[data-id="${start}"]`).focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => new URL(page.url()).searchParams.get("sel")).not.toBe(start);
    const moved = new URL(page.url()).searchParams.get("sel")!;
    expect(moved).toMatch(/^[0-9a-f-]{36}$/);
    // The node the address bar names is the one the map shows selected, and it has the keyboard focus.
    await expect(canvas(page).locator(`.react-flow__node[data-id="${moved}"]`)).toBeFocused();
    await expect(canvas(page).locator(`.react-flow__node[data-id="${moved}"]`)).toHaveAttribute("aria-pressed", "true");
    await expect(canvas(page).locator('.react-flow__node[aria-pressed="true"]')).toHaveCount(1);
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(/[?&]sel=/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]focus=[0-9a-f-]{36}/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");

    // Export: the current view downloads as an SVG document and as a PNG image.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const svgDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Current view as SVG" }).click();
    const svg = await svgDownload;
    expect(svg.suggestedFilename()).toBe("lineage.svg");
    const svgText = await streamText(await svg.createReadStream());
    expect(svgText).toContain("<svg");
    expect(svgText).toContain("react-flow__node");

    await page.getByRole("button", { name: "Export", exact: true }).click();
    const pngDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Current view as PNG" }).click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toBe("lineage.png");
    const bytes = await streamBytes(await png.createReadStream());
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  return (await streamBytes(stream)).toString("utf8");
}
