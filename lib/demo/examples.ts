import type { JsonObject, JsonValue } from "./json-schema";
import { createRng, type Rng } from "./prng";
import type { EntitySeed, FieldType } from "./types";

// Example payloads make the demo specs look like ones a team actually wrote. They are plainly fictitious:
// example.com mail, TEST-NET IPs, the well-known 4111 test card, fictitious bank codes.

const FIRST = ["Anna", "Lukas", "Sophie", "Jonas", "Emma", "Noah", "Julia", "Finn", "Lea", "Elias", "Marie", "Luca", "Sara", "Matteo", "Eva", "Jan"];
const LAST = ["Müller", "de Vries", "Rossi", "Dubois", "García", "Nowak", "Jansen", "Schmidt", "Bianchi", "Martin", "Kowalski", "Peeters", "Virtanen", "Novák"];
const ADDRESSES: [string, string, string, string][] = [
  ["Friedrichstraße 112", "10117", "Berlin", "DE"], ["Keizersgracht 221", "1016 DV", "Amsterdam", "NL"],
  ["Rue de Rivoli 48", "75004", "Paris", "FR"], ["Calle de Alcalá 95", "28009", "Madrid", "ES"],
  ["Via Torino 21", "20123", "Milano", "IT"], ["ul. Marszałkowska 84", "00-514", "Warszawa", "PL"],
  ["Mariahilfer Straße 77", "1060", "Wien", "AT"], ["Rue Neuve 30", "1000", "Bruxelles", "BE"],
];
const PRODUCTS = ["Merino crew-neck jumper", "Noise-cancelling headphones", "Cast-iron casserole 24 cm", "Trail running shoe", "Linen duvet cover"];

const BY_NAME: Record<string, (rng: Rng) => JsonValue> = {
  sku: (r) => `SKU-${r.int(100000, 999999)}`,
  objectID: (r) => `SKU-${r.int(100000, 999999)}`,
  gtin: (r) => ean13(r),
  barcode: (r) => ean13(r),
  orderNumber: (r) => `ORD-2026-${r.int(100000, 999999)}`,
  trackingNumber: (r) => `00340434${digits(r, 12)}`,
  cardToken: (r) => `tok_${hex(r, 16)}`,
  last4: () => "1111",
  merchantName: (r) => r.pick(["Albert Heijn 1021", "MediaMarkt Berlin-Mitte", "Deutsche Bahn Fernverkehr", "Carrefour Market"]),
  merchantCategoryCode: (r) => r.pick(["5411", "5732", "4112", "5691"]),
  responseCode: () => "00",
  endToEndId: (r) => `E2E${hex(r, 20).toUpperCase()}`,
  mandateId: (r) => `MNDT-${digits(r, 10)}`,
  creditorId: () => "DE98ZZZ09999999999",
  remittanceInformation: (r) => `Invoice INV-2026-${digits(r, 6)}`,
  productCode: (r) => r.pick(["GIRO_PLUS", "SAVINGS_FLEX", "YOUNG_ACCOUNT"]),
  merchantAccount: () => "InterchangeRetailEU",
  batchId: (r) => `SB-2026-${digits(r, 4)}`,
  preferredLanguage: (r) => r.pick(["de-DE", "nl-NL", "fr-FR", "it-IT"]),
  language: (r) => r.pick(["de", "nl", "fr", "it"]),
  locale: (r) => r.pick(["de-DE", "nl-NL", "fr-FR"]),
  warehouseId: (r) => r.pick(["DC-VENLO", "DC-ERFURT"]),
  supplierId: (r) => `SUP-${digits(r, 5)}`,
  purchaseOrderNumber: (r) => `4500${digits(r, 6)}`,
  scannerId: (r) => `HHT-${digits(r, 3)}`,
  location: (r) => `A-${r.int(10, 48)}-${r.int(1, 9)}`,
  name: (r) => r.pick(PRODUCTS),
  title: (r) => r.pick(["Autumn sale", "Open a savings account in five minutes", "Free returns for 100 days"]),
  brand: (r) => r.pick(["Nordvik", "Alba Home", "Stride", "Sonora"]),
  category: (r) => r.pick(["Knitwear", "Audio", "Cookware", "Running"]),
  contentType: () => "landingPage",
  slug: () => "autumn-sale",
  code: () => "AUTUMN25",
  journalId: (r) => `JE-${digits(r, 10)}`,
  companyCode: (r) => r.pick(["1000", "2000", "3100"]),
  accountCode: (r) => r.pick(["400000", "800000", "113100"]),
  costCentre: (r) => `CC-${r.int(4100, 4999)}`,
  reference: (r) => `INV-2026-${digits(r, 6)}`,
  vatNumber: (r) => `DE${digits(r, 9)}`,
  invoiceNumber: (r) => `INV-2026-${digits(r, 6)}`,
  bankAccountId: () => "HOUSE-DE-01",
  employeeId: (r) => `E${digits(r, 6)}`,
  managerId: (r) => `E${digits(r, 6)}`,
  agentId: (r) => `AG-${digits(r, 4)}`,
  department: (r) => r.pick(["Payments", "Finance", "Engineering", "Customer Service"]),
  jobTitle: (r) => r.pick(["Senior Backend Engineer", "Credit Analyst", "Store Manager"]),
  appliedRole: (r) => r.pick(["Senior Backend Engineer", "Payments Product Manager"]),
  taxId: (r) => digits(r, 11),
  socialSecurityNumber: (r) => `${digits(r, 2)} ${digits(r, 6)} M ${digits(r, 3)}`,
  period: () => "2026-10",
  reportingPeriod: () => "2026-Q3",
  templateCode: (r) => r.pick(["C 01.00", "F 01.01", "C 07.00"]),
  entityLei: () => "529900T8BM49AURSDO55",
  candidateId: (r) => `CAND-${digits(r, 6)}`,
  contactId: (r) => digits(r, 9),
  memberId: (r) => `LM-${digits(r, 8)}`,
  ticketId: (r) => digits(r, 7),
  incidentNumber: (r) => `INC00${digits(r, 5)}`,
  ethnicOrigin: () => "prefer not to say",
  segment: (r) => r.pick(["value-seekers", "premium-loyal", "lapsed"]),
  event: (r) => r.pick(["Product Viewed", "Checkout Started", "Order Completed"]),
  userAgent: () => "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15",
  nextBestOffer: (r) => r.pick(["SAVINGS_FLEX", "CREDIT_CARD_GOLD"]),
  subject: (r) => r.pick(["Parcel not delivered", "Refund not received", "Card blocked abroad"]),
  queue: (r) => r.pick(["retail-banking-de", "webshop-nl"]),
  templateId: (r) => r.pick(["order-dispatched-v3", "statement-ready-v2"]),
  scenario: () => "rapid-movement-of-funds",
  ruleSetId: () => "rs-payments-eu",
  shortDescription: () => "Checkout returns HTTP 502 for card payments",
  assignmentGroup: () => "Payments Platform",
  configurationItem: () => "payment-gateway",
  supportGroup: () => "Order Management",
  ciClass: () => "cmdb_ci_service",
  source: () => "web-consent-banner",
  documentNumber: (r) => `C${hex(r, 8).toUpperCase()}`,
  reportId: (r) => `RPT-${digits(r, 8)}`,
  rateId: () => "ECB-2026-10-14-USD",
  quoteCurrency: (r) => r.pick(["USD", "GBP", "CHF", "PLN"]),
  groups: () => ["all-staff", "engineering", "vpn-users"],
  lists: () => ["EU Consolidated Financial Sanctions List", "OFAC SDN"],
  reasons: () => ["new-device", "velocity-24h"],
  markets: () => ["DE", "NL", "BE"],
  changedFields: () => ["email", "address"],
  ciName: (r) => r.pick(["payment-gateway-prod", "order-service-prod", "wms-interface-prod"]),
  rate: (r) => Number((1 + r.next() * 0.2).toFixed(4)),
  discountPct: (r) => r.pick([10, 15, 20, 25]),
  expiryMonth: (r) => r.int(1, 12),
  expiryYear: (r) => r.int(2027, 2031),
  creditScore: (r) => r.int(560, 980),
};

type Person = { first: string; last: string };
const PERSON_FIELDS = /^(cardholderName|recipientName|debtorName|creditorName|fullName|billingName|beneficiaryName|counterpartyName|orderingCustomerName)$/;

/** `seedText` (the interface slug) seeds the values and picks enum values named in it. */
export function entityExample(entity: EntitySeed, seedText: string, extraFields: Record<string, FieldType> = {}): JsonObject {
  const rng = createRng(hashString(seedText));
  const person = { first: rng.pick(FIRST), last: rng.pick(LAST) };
  const words = seedText.toUpperCase().split(/[^A-Z0-9]+/);
  const out: JsonObject = {};
  for (const [field, type] of Object.entries({ ...extraFields, ...entity.fields })) {
    // "payment.authorised.v1" should carry status AUTHORISED, not a random one.
    const named = type.startsWith("enum:") ? type.slice(5).split("|").find((option) => words.includes(option)) : undefined;
    out[field] = named ?? exampleValue(field, type, rng, person);
  }
  return out;
}

function exampleValue(field: string, type: FieldType, rng: Rng, person: Person): JsonValue {
  if (field === "firstName") return person.first;
  if (field === "lastName") return person.last;
  if (PERSON_FIELDS.test(field)) return `${person.first} ${person.last}`;
  if (field === "username") return `${fold(person.first)}.${fold(person.last)}`;
  const named = BY_NAME[field];
  if (named && type !== "uuid" && !type.startsWith("enum:")) return named(rng);
  if (type.startsWith("enum:")) return rng.pick(type.slice(5).split("|"));
  switch (type) {
    case "uuid": return uuid(rng);
    case "email": return `${fold(person.first)}.${fold(person.last)}@example.com`;
    case "phone": return `+49151${digits(rng, 8)}`;
    case "date": return /Birth/.test(field) ? `19${rng.int(55, 99)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}` : `2026-${pad(rng.int(1, 10))}-${pad(rng.int(1, 28))}`;
    case "datetime": return `2026-10-${pad(rng.int(1, 28))}T${pad(rng.int(6, 22))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}Z`;
    case "amount": return `${rng.int(5, 900)}.${pad(rng.int(0, 99))}`;
    case "currency": return "EUR";
    case "country": return rng.pick(["DE", "NL", "FR", "BE", "AT"]);
    case "iban": return germanIban(rng);
    case "bic": return rng.pick(["ICHGDEFFXXX", "ICHGNL2AXXX"]);
    case "pan": return "4111111111111111";
    case "int": return field === "score" ? rng.int(300, 850) : rng.int(1, 250);
    case "number": return /[sS]core$/.test(field) ? Number(rng.next().toFixed(2)) : Number((rng.next() * 100).toFixed(2));
    case "bool": return rng.chance(0.7);
    case "url": return `https://files.interchange.local/${field.replace(/Url$/, "")}/${hex(rng, 12)}`;
    case "ip": return `203.0.113.${rng.int(1, 254)}`;
    case "strings": return [`${field}-a`, `${field}-b`];
    case "lines": return [{ sku: `SKU-${rng.int(100000, 999999)}`, quantity: rng.int(1, 3), unitPrice: `${rng.int(9, 249)}.${rng.pick(["00", "50", "95", "99"])}` }];
    case "address": {
      const [street, postalCode, city, country] = rng.pick(ADDRESSES);
      return { street, postalCode, city, country };
    }
    default: return `${field}-${rng.int(1000, 9999)}`;
  }
}

/** A German IBAN with correct ISO 7064 check digits, so validators in demo clients accept it. */
function germanIban(rng: Rng): string {
  const bban = `${digits(rng, 8)}${digits(rng, 10)}`;
  const numeric = `${bban}131400`; // "DE00" moved to the end, letters as D=13, E=14
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return `DE${pad(98 - remainder)}${bban}`;
}

function ean13(rng: Rng): string {
  const body = `40${digits(rng, 10)}`;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function uuid(rng: Rng): string {
  const h = hex(rng, 32).split("");
  h[12] = "4";
  h[16] = "89ab"[rng.int(0, 3)];
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join("");
const pad = (n: number) => String(n).padStart(2, "0");
const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, "").toLowerCase();

/** FNV-1a: a stable seed per interface, so adding one interface does not change every other example. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
