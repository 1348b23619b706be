import { describe, expect, it } from "vitest";
import type { PciFlow, PciSystem } from "./pci";
import { pciDiagramModel, pciSvg } from "./pci-diagram";
import { textWidth, wrapText } from "./pci-text";

const system = (id: string, extra: Partial<PciSystem> = {}): PciSystem => ({
  id, name: id, kind: "INTERNAL", vendor: null, pciScope: false, ownerTeam: null, description: null, hostingCountries: ["DE"], service: null, interfaces: [], ...extra,
});
const flow = (id: string, sourceId: string, destinationId: string, elements: string[], extra: Partial<PciFlow> = {}): PciFlow => ({
  id, name: id, interfaceId: `i-${id}`, interfaceName: `${id} API`, protocol: "HTTP", sourceId, destinationId, elements, encryptedInTransit: true,
  interfaceEncryptedInTransit: null, sourceCountry: "DE", destinationCountry: "DE", ...extra,
});

const longName = "Card Tokenisation Vault and Cryptographic Key Management Service for Every Payment Channel";
const systems = [
  system("shop", { name: "Web Shop Storefront", interfaces: [{ protocol: "HTTP", encryptedInTransit: true }] }),
  system("pos-hub", { name: "Store POS Hub", description: "Receives card-present transactions from the point-of-sale terminals" }),
  system("vault", { name: longName }),
  system("crm", { name: "CRM" }),
  system("acq", { name: "Acquirer gateway", kind: "SAAS", vendor: "Acquirer NV", description: "Card acquiring and payment processor" }),
];
const flows = [
  flow("checkout-to-vault", "shop", "vault", ["PAN", "EXPIRY"], { interfaceEncryptedInTransit: true, protocol: "GRPC" }),
  flow("pos-to-vault", "pos-hub", "vault", ["PAN", "SAD"], { encryptedInTransit: false }),
  flow("vault-to-acquirer", "vault", "acq", ["PAN"]),
  flow("vault-to-crm", "vault", "crm", ["CARDHOLDER_NAME"]),
];

describe("PCI DSS 1.2.4 data-flow diagram", () => {
  it("derives entry points, zones and the encryption of every edge from the catalog", () => {
    const { nodes, edges } = pciDiagramModel({ systems, flows });
    const zoneOf = Object.fromEntries(nodes.map((n) => [n.id, n.zone]));
    expect(zoneOf).toMatchObject({ shop: "cde", "pos-hub": "cde", vault: "cde", crm: "connected", acq: "third-party", "entry:browser": "out-of-scope", "entry:pos": "cde" });
    expect(nodes.find((n) => n.id === "acq")?.entryPoint).toBe("acquirer / payment processor");
    expect(zoneOf["entry:mobile"]).toBeUndefined();
    const encryption = Object.fromEntries(edges.map((e) => [e.id, e.encryption]));
    expect(encryption).toMatchObject({ "checkout-to-vault": "encrypted", "pos-to-vault": "not encrypted", "entry:browser:shop": "encrypted", "entry:pos:pos-hub": "unknown" });
    expect(flowEncryptionOfUnrecorded()).toBe("unknown");
  });

  it("draws every account-data flow with its encryption label inside labelled zone containers, and no label wider than its box", async () => {
    const svg = await pciSvg({ systems, flows }, new Date("2026-12-07T10:00:00Z"));
    for (const zone of ["Cardholder data environment (CDE)", "Connected-to / security-impacting systems", "Third-party service providers (outside the network boundary)", "Out of scope: public internet and customer devices"]) {
      expect(svg).toContain(`>${zone}</text>`);
    }
    for (const id of ["checkout-to-vault", "pos-to-vault", "vault-to-acquirer"]) expect(svg).toMatch(new RegExp(`data-flow="${id}" data-encryption="\\w`));
    expect(svg).toContain("GRPC · encrypted in transit");
    expect(svg).toContain("HTTP · NOT encrypted in transit");
    expect(svg).toContain('data-entry-point="Customer browser"');
    expect(svg).toContain('data-entry-point="POS terminal"');
    // The long name is wrapped and cut with an ellipsis, its full text kept as the tooltip.
    expect(svg).toContain(`<title>${longName}</title>`);
    // Each box sits inside its zone's container.
    const zoneRects = Object.fromEntries([...svg.matchAll(/data-zone="([\w-]+)"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map(([, z, ...n]) => [z, n.map(Number)]));
    let placed = 0;
    for (const [, zone, x, y, w, h] of svg.matchAll(/class="node" data-node="[^"]+" data-zone="([\w-]+)"[^>]*>(?:<title>[^<]*<\/title>)?\n<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
      const [zx, zy, zw, zh] = zoneRects[zone];
      expect(Number(x)).toBeGreaterThanOrEqual(zx);
      expect(Number(y)).toBeGreaterThanOrEqual(zy);
      expect(Number(x) + Number(w)).toBeLessThanOrEqual(zx + zw);
      expect(Number(y) + Number(h)).toBeLessThanOrEqual(zy + zh);
      placed++;
    }
    expect(placed).toBe(7);
    const nodeGroups = [...svg.matchAll(/<g class="node"[^>]*>([\s\S]*?)<\/g>/g)].map((m) => m[1]);
    expect(nodeGroups.length).toBe(7);
    for (const group of nodeGroups) {
      const width = Number(/<rect x="[^"]*" y="[^"]*" width="([\d.]+)"/.exec(group)![1]);
      for (const [, size, bold, text] of group.matchAll(/<text [^>]*font-size="(\d+)"( font-weight="bold")?[^>]*>([^<]*)<\/text>/g)) {
        expect(textWidth(text.replace(/&amp;/g, "&"), Number(size), !!bold), text).toBeLessThanOrEqual(width - 8);
      }
    }
  });
});

function flowEncryptionOfUnrecorded() {
  return pciDiagramModel({ systems: [system("a", { pciScope: true }), system("b", { kind: "SAAS", vendor: "B" })], flows: [flow("f", "a", "b", ["PAN"], { encryptedInTransit: undefined as unknown as boolean })] }).edges[0].encryption;
}

describe("label wrapping", () => {
  it("wraps on words, cuts what does not fit in the lines allowed and says so", () => {
    expect(wrapText("Card Tokenisation Vault", 200, 12, 2).lines).toEqual(["Card Tokenisation Vault"]);
    const wrapped = wrapText(longName, 170, 12, 2, true);
    expect(wrapped.truncated).toBe(true);
    expect(wrapped.lines).toHaveLength(2);
    expect(wrapped.lines[1].endsWith("…")).toBe(true);
    for (const line of wrapped.lines) expect(textWidth(line, 12, true)).toBeLessThanOrEqual(170);
  });
});
