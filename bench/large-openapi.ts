/** A valid OpenAPI document of about `bytes` bytes: many small operations, as a large real estate's gateway export. */
export function largeOpenApi(bytes: number): string {
  const paths: Record<string, unknown> = {};
  const operation = (i: number) => ({
    summary: `Operation ${i} of the bench gateway`,
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
    responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" }, amount: { type: "number" }, note: { type: "string" } } } } } } },
  });
  const one = JSON.stringify(operation(0)).length + 40;
  for (let i = 0; i < Math.floor(bytes / one); i++) paths[`/resources-${i}/{id}`] = { get: operation(i) };
  return JSON.stringify({ openapi: "3.0.3", info: { title: "Bench gateway", version: "1.0.0" }, paths });
}
