import type { EntitySeed, FieldType } from "./types";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const AMOUNT: JsonObject = { type: "string", pattern: "^-?[0-9]+\\.[0-9]{2}$", description: "Decimal amount as a string, never a float" };
const COUNTRY: JsonObject = { type: "string", pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2" };

const SIMPLE: Record<Exclude<FieldType, `enum:${string}`>, JsonObject> = {
  uuid: { type: "string", format: "uuid" },
  string: { type: "string", maxLength: 255 },
  text: { type: "string", maxLength: 4000 },
  email: { type: "string", format: "email" },
  phone: { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$", description: "E.164" },
  date: { type: "string", format: "date" },
  datetime: { type: "string", format: "date-time" },
  amount: AMOUNT,
  currency: { type: "string", pattern: "^[A-Z]{3}$", description: "ISO 4217" },
  country: COUNTRY,
  iban: { type: "string", pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$" },
  bic: { type: "string", pattern: "^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$" },
  pan: { type: "string", pattern: "^[0-9]{13,19}$", description: "Primary account number (PCI DSS scope)" },
  int: { type: "integer" },
  number: { type: "number" },
  bool: { type: "boolean" },
  url: { type: "string", format: "uri" },
  ip: { type: "string", format: "ipv4" },
  strings: { type: "array", items: { type: "string" } },
  lines: {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 }, unitPrice: AMOUNT },
      required: ["sku", "quantity", "unitPrice"],
    },
  },
  address: {
    type: "object",
    properties: { street: { type: "string" }, postalCode: { type: "string" }, city: { type: "string" }, country: COUNTRY },
    required: ["street", "postalCode", "city", "country"],
  },
};

// Fields a producer may leave out; everything else is required, as a contract should say.
const OPTIONAL = new Set(["ethnicOrigin", "vatNumber", "remittanceInformation", "validTo", "recordingUrl", "userId", "nextBestOffer", "submittedAt", "cardToken"]);

export function fieldSchema(type: FieldType): JsonObject {
  if (type.startsWith("enum:")) return { type: "string", enum: type.slice(5).split("|") };
  return structuredClone(SIMPLE[type as keyof typeof SIMPLE]);
}

/** Event payloads carry an envelope so consumers can de-duplicate and order them. */
export const EVENT_ENVELOPE: Record<string, FieldType> = { eventId: "uuid", occurredAt: "datetime" };

export function entitySchema(entity: EntitySeed, extraFields: Record<string, FieldType> = {}): JsonObject {
  const fields = { ...extraFields, ...entity.fields };
  const properties: JsonObject = {};
  for (const [name, type] of Object.entries(fields)) properties[name] = fieldSchema(type);
  return {
    type: "object",
    properties,
    required: Object.keys(fields).filter((name) => !OPTIONAL.has(name)),
    additionalProperties: false,
  };
}
