import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, EXTRA_ROLES } from "../roles";
import { bearer, expectProblem, tokenFor } from "./helpers";

type Approval = { id: string; label: string; kind: string; decision: string };
type Contract = { id: string; status: string; version: string; approvals: Approval[]; requiresCompliance: boolean };

async function interfaceId(request: APIRequestContext, token: string, name: string): Promise<string> {
  const response = await request.get(`/api/v1/interfaces?q=${encodeURIComponent(name)}`, { headers: bearer(token) });
  const { items } = (await response.json()) as { items: { id: string; name: string }[] };
  const found = items.find((i) => i.name === name);
  expect(found, name).toBeTruthy();
  return found!.id;
}

async function consumer2Token(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { data: { email: EXTRA_ROLES.consumer2, password: DEMO_PASSWORD, name: "e2e consumer2" } });
  expect(response.status()).toBe(201);
  return (await response.json()).token;
}

const body = (interfaceId: string, extra: Record<string, unknown> = {}) => ({
  interfaceId,
  version: "1.0.0",
  schemaFormat: "JSON_SCHEMA",
  schema: JSON.stringify({ type: "object", additionalProperties: false, properties: { id: { type: "string" } } }),
  classification: "INTERNAL",
  personalData: false,
  crossBorderTransfer: false,
  ...extra,
});

test.describe.serial("contracts API", () => {
  test("validation errors point at each bad field", async ({ request }) => {
    const producer = await tokenFor(request, "producer");
    const id = await interfaceId(request, producer, "SWIFT gpi Tracker API");
    const cases: [Record<string, unknown>, string][] = [
      [{ version: "1.0" }, "/version"],
      [{ sla: { latencyP95Ms: 900, latencyP99Ms: 500 } }, "/sla/latencyP95Ms"],
      [{ sla: { volumePerMinute: { min: 10, max: 1 } } }, "/sla/volumePerMinute/min"],
      [{ sla: { deliverySuccessPct: 120 } }, "/sla/deliverySuccessPct"],
      [{ errorHandling: { backoff: "random" } }, "/errorHandling/backoff"],
      [{ schemaFormat: "XML" }, "/schemaFormat"],
      [{ schema: "{ not json" }, "/schema"],
    ];
    for (const [override, pointer] of cases) {
      const problem = await expectProblem(await request.post("/api/v1/contracts", { headers: bearer(producer), data: body(id, override) }), 422);
      expect(problem.errors?.map((e) => e.pointer), JSON.stringify(override)).toContain(pointer);
    }
  });

  test("only the producing team proposes; approvers follow consumers and data protection, both ways", async ({ request }) => {
    const producer = await tokenFor(request, "producer");
    const consumer = await tokenFor(request, "consumer");
    const channels = await consumer2Token(request);
    const id = await interfaceId(request, producer, "SEPA Instant Payments API");

    await expectProblem(await request.post("/api/v1/contracts", { headers: bearer(consumer), data: body(id) }), 403);

    const created = await request.post("/api/v1/contracts", { headers: bearer(producer), data: body(id) });
    expect(created.status()).toBe(201);
    const first = (await created.json()) as Contract;
    expect(first.status).toBe("IN_REVIEW");
    // Digital Channels consumes it; the producer's own refund service does not count as a reviewer.
    expect(first.approvals.map((a) => a.label)).toEqual(["Digital Channels"]);
    expect(first.requiresCompliance).toBe(false);

    // Self-approval is refused, and a team that is not asked cannot decide.
    const self = await expectProblem(await request.post(`/api/v1/contracts/${first.id}/decisions`, { headers: bearer(producer), data: { decision: "APPROVE" } }), 403);
    expect(self.detail).toMatch(/never approves its own change/);
    await expectProblem(await request.post(`/api/v1/contracts/${first.id}/decisions`, { headers: bearer(consumer), data: { decision: "APPROVE" } }), 403);
    // Rejecting without a reason is refused.
    const bare = await expectProblem(await request.post(`/api/v1/contracts/${first.id}/decisions`, { headers: bearer(channels), data: { decision: "REQUEST_CHANGES" } }), 422);
    expect(bare.errors?.[0].pointer).toBe("/comment");

    const changes = await request.post(`/api/v1/contracts/${first.id}/decisions`, { headers: bearer(channels), data: { decision: "REQUEST_CHANGES", comment: "State whether transfers leave the EEA." } });
    expect(((await changes.json()) as Contract).status).toBe("DRAFT");

    // The producer marks the cross-border transfer and resubmits: now compliance must approve too.
    const patched = await request.patch(`/api/v1/contracts/${first.id}`, { headers: bearer(producer), data: { crossBorderTransfer: true } });
    expect(patched.status()).toBe(200);
    const resubmitted = (await (await request.post(`/api/v1/contracts/${first.id}/transitions`, { headers: bearer(producer), data: { action: "submit" } })).json()) as Contract;
    expect(resubmitted.status).toBe("IN_REVIEW");
    expect(resubmitted.approvals.map((a) => `${a.label}:${a.decision}`)).toEqual(["Digital Channels:PENDING", "Compliance:PENDING"]);

    // Activation is refused while approvals are missing.
    const early = await expectProblem(await request.post(`/api/v1/contracts/${first.id}/transitions`, { headers: bearer(producer), data: { action: "activate" } }), 409);
    expect(early.detail).toMatch(/cannot activate|approved version/i);
  });

  test("a RESTRICTED contract goes to compliance even without personal data", async ({ request }) => {
    const producer = await tokenFor(request, "producer");
    const id = await interfaceId(request, producer, "SWIFT gpi Tracker API");
    const created = (await (await request.post("/api/v1/contracts", { headers: bearer(producer), data: body(id, { classification: "RESTRICTED" }) })).json()) as Contract;
    expect(created.approvals.map((a) => a.kind)).toContain("COMPLIANCE");
    const compliance = await tokenFor(request, "compliance");
    const inbox = (await (await request.get("/api/v1/contracts/inbox", { headers: bearer(compliance) })).json()) as { pending: { contract: { id: string } }[] };
    expect(inbox.pending.map((p) => p.contract.id)).toContain(created.id);

    const yaml = await request.get(`/api/v1/contracts/${created.id}/odcs`, { headers: bearer(producer) });
    expect(yaml.headers()["content-type"]).toContain("application/yaml");
    const text = await yaml.text();
    expect(text).toContain("kind: DataContract");
    const parsed = await request.post("/api/v1/contracts/odcs", { headers: bearer(producer), data: { yaml: text } });
    expect(((await parsed.json()) as { classification: string }).classification).toBe("RESTRICTED");
    const bad = await expectProblem(await request.post("/api/v1/contracts/odcs", { headers: bearer(producer), data: { yaml: text.replace("value: RESTRICTED", "value: SECRET") } }), 422);
    expect(bad.errors?.[0].message).toMatch(/^line \d+: classification/);
  });

  test("webhooks refuse private and loopback addresses and are only for the team's members", async ({ request }) => {
    const producer = await tokenFor(request, "producer");
    const me = (await (await request.get("/api/v1/me", { headers: bearer(producer) })).json()) as { teamIds: string[] };
    const teamId = me.teamIds[0];
    for (const url of ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://localhost/hook", "http://[::1]/x"]) {
      const problem = await expectProblem(await request.put(`/api/v1/contracts/webhooks/${teamId}`, { headers: bearer(producer), data: { url } }), 422);
      expect(problem.errors?.[0].pointer).toBe("/url");
    }
    const consumer = await tokenFor(request, "consumer");
    await expectProblem(await request.put(`/api/v1/contracts/webhooks/${teamId}`, { headers: bearer(consumer), data: { url: "https://hooks.example.com/x" } }), 403);
    const created = await request.put(`/api/v1/contracts/webhooks/${teamId}`, { headers: bearer(producer), data: { url: "https://hooks.example.com/interchange" } });
    expect(created.status()).toBe(200);
    expect((await created.json()).secret).toMatch(/^whsec_/);
    // The secret is shown once.
    expect((await (await request.get(`/api/v1/contracts/webhooks/${teamId}`, { headers: bearer(producer) })).json()).secret).toBeUndefined();
  });

  test("notifications are the caller's own", async ({ request }) => {
    const channels = await consumer2Token(request);
    const list = (await (await request.get("/api/v1/notifications", { headers: bearer(channels) })).json()) as { items: { id: string; kind: string }[]; unread: number };
    expect(list.items.some((n) => n.kind === "contract.review_requested")).toBe(true);
    const read = await request.post("/api/v1/notifications/read", { headers: bearer(channels), data: {} });
    expect((await read.json()).updated).toBe(list.unread);
    expect((await (await request.get("/api/v1/notifications", { headers: bearer(channels) })).json()).unread).toBe(0);
  });
});
