/** AsyncAPI documents of the orders.placed event for check and governance tests: v1, and variants of it. */
export function ordersPlacedDoc(options: { totalType?: string; extraField?: boolean; classification?: string | null } = {}): string {
  const { totalType = "number", extraField = false, classification = "CONFIDENTIAL" } = options;
  return `asyncapi: 2.6.0
info:
  title: Orders
  version: 1.0.0
  description: Order events
channels:
  orders.placed:
    subscribe:
      operationId: onOrderPlaced
      message:
        $ref: '#/components/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      payload:
${classification ? `        x-classification: ${classification}\n` : ""}        type: object
        required: [id, total]
        properties:
          id: { type: string }
          total: { type: ${totalType} }
${extraField ? "          note: { type: string }\n" : ""}`;
}
