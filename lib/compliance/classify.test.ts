import { describe, expect, it } from "vitest";
import { NAME_RULES } from "./classify-rules";
import { highestLevel, ibanValid, luhnValid, suggestField, tokenize } from "./classify";

describe("tokenize", () => {
  it.each([
    ["customerEmail", ["customer", "email"]],
    ["date_of_birth", ["date", "of", "birth"]],
    ["IBANNumber", ["iban", "number"]],
    ["Payment.payer.e-mail", ["payment", "payer", "e", "mail"]],
    ["address_line1", ["address", "line1"]],
  ])("%s", (name, words) => expect(tokenize(name)).toEqual(words));
});

// One positive case per name rule: the rule a field name should trigger.
const POSITIVE: [string, string, Partial<{ path: string; type: string }>?][] = [
  ["email", "customerEmail"],
  ["phone", "mobile_phone"],
  ["cardholder-name", "cardholderName"],
  ["person-name", "lastName"],
  ["username", "user_name"],
  ["credential", "clientSecret"],
  ["national-id", "socialSecurityNumber"],
  ["passport", "passportNumber"],
  ["driver-licence", "drivingLicenceNumber"],
  ["bank-account", "debtorIban"],
  ["party-name", "beneficiaryName"],
  ["party-name-in-parent", "Nm", { path: "CdtTrfTxInf.Dbtr.Nm" }],
  ["salary-income", "grossSalary"],
  ["free-text", "agentNotes"],
  ["card-number", "cardNumber"],
  ["card-verification", "cvv"],
  ["track-data", "track2"],
  ["card-expiry", "expiryMonth", { path: "Card.expiryMonth" }],
  ["card-service-code", "serviceCode", { path: "card.serviceCode" }],
  ["date-of-birth", "dateOfBirth"],
  ["gender", "gender"],
  ["nationality", "nationality"],
  ["postal-address", "postalCode"],
  ["ip-address", "clientIp"],
  ["mac-address", "macAddress"],
  ["device-id", "deviceId"],
  ["geolocation", "latitude"],
  ["art9-health", "medicalCondition"],
  ["art9-religion", "churchTax"],
  ["art9-ethnicity", "ethnicOrigin"],
  ["art9-trade-union", "tradeUnionMembership"],
  ["art9-biometric", "fingerprintTemplate"],
  ["art9-political", "politicalOpinion"],
  ["art9-sexual-orientation", "sexualOrientation"],
  ["art9-genetic", "geneticTestResult"],
  ["art10-criminal", "criminalRecord"],
];

describe("name rules", () => {
  it("every rule has a positive case here", () => {
    expect(new Set(POSITIVE.map(([rule]) => rule))).toEqual(new Set(NAME_RULES.map((r) => r.id)));
  });

  it.each(POSITIVE)("%s matches %s", (rule, name, extra) => {
    const s = suggestField({ name, ...extra });
    expect(s?.rule).toBe(rule);
    expect(s?.matchedWords.length).toBeGreaterThan(0);
    expect(s?.reason).toContain(`"${rule}"`);
    expect(s?.confidence).toBeGreaterThan(0);
    expect(s?.confidence).toBeLessThan(1);
  });

  it("names the matched words and where in the reason", () => {
    const s = suggestField({ name: "email", path: "Customer.contact.email" })!;
    expect(s.reason).toBe('Rule "email" matched the words "email" in Customer.contact.email');
    expect(s).toMatchObject({ level: "CONFIDENTIAL", personalCategory: "contact details", matchedWords: ["email"] });
  });

  it("tags PCI account data and Art. 9 / Art. 10 data", () => {
    expect(suggestField({ name: "cardNumber" })).toMatchObject({ level: "RESTRICTED", pciElement: "PAN" });
    expect(suggestField({ name: "healthStatus" })).toMatchObject({ specialCategory: "health", level: "RESTRICTED" });
    expect(suggestField({ name: "criminalRecord" })).toMatchObject({ criminal: true });
    expect(suggestField({ name: "sexualOrientation" })?.rule).toBe("art9-sexual-orientation");
  });
});

// The pitfalls of naive substring regexes (COMPLIANCE.md) and their relatives: none of these is personal data.
describe("pitfalls: no suggestion", () => {
  it.each([
    ["statement", "'state' inside 'statement'"],
    ["state", "no rule on 'state' at all"],
    ["mailbox_config", "'mail' inside 'mailbox'"],
    ["social_url", "'social' without 'security'"],
    ["user_id", "a user id alone is not personal data"],
    ["userId", "camelCase user id"],
    ["emailTemplate", "about email, not an address"],
    ["nextPageToken", "pagination token"],
    ["idempotencyToken", "idempotency key"],
    ["healthCheckUrl", "service health check"],
    ["certificateFingerprint", "certificate hash"],
    ["unionType", "schema union"],
    ["politicallyExposed", "'political' inside 'politically'"],
    ["hmac", "'mac' inside 'hmac'"],
    ["messageMac", "a message authentication code"],
    ["panel", "'pan' inside 'panel'"],
    ["expiryDate", "an expiry date with no card in its path"],
    ["raceCondition", "a race condition"],
    ["ipRange", "a network range"],
    ["cardLast4", "the last four digits are not the PAN"],
  ])("%s (%s)", (name) => {
    expect(suggestField({ name, path: `Thing.${name}` })).toBeNull();
  });

  it("ignores identifier rules on boolean flags", () => {
    expect(suggestField({ name: "emailVerified", type: "boolean" })).toBeNull();
    expect(suggestField({ name: "email", type: "boolean" })).toBeNull();
    // An Art. 9 flag is still special-category data.
    expect(suggestField({ name: "tradeUnionMember", type: "boolean" })?.rule).toBe("art9-trade-union");
  });
});

describe("national identifiers, payment parties, income, free text, device ids and formats", () => {
  it.each([
    ["steuerId", "national-id"], ["codiceFiscale", "national-id"], ["bsn", "national-id"], ["pesel", "national-id"], ["personnummer", "national-id"],
    ["nir", "national-id"], ["dni", "national-id"], ["nie", "national-id"], ["nhsNumber", "national-id"], ["aadhaarNumber", "national-id"], ["ssn", "national-id"],
    ["orderingCustomer", "party-name"], ["ultimateCreditor", "party-name"], ["annualIncome", "salary-income"], ["installationId", "device-id"], ["pushToken", "device-id"],
  ])("%s -> %s", (name, rule) => expect(suggestField({ name, path: `Body.${name}` })?.rule).toBe(rule));

  it("reads a bare name as a person's only under a party that is a person", () => {
    expect(suggestField({ name: "name", path: "Transfer.beneficiary.name" })?.personalCategory).toBe("identification");
    expect(suggestField({ name: "name", path: "Customer.address.country.name" })).toBeNull();
    expect(suggestField({ name: "name", path: "Product.name" })).toBeNull();
    expect(suggestField({ name: "incomeStatement", path: "Report.incomeStatement" })).toBeNull();
  });

  it("takes the OpenAPI format as a hint, and as support for a matching name", () => {
    const byFormat = suggestField({ name: "contact", type: "string", format: "email" })!;
    expect(byFormat).toMatchObject({ rule: "format-email", personalCategory: "contact details" });
    expect(byFormat.reason).toBe('Rule "format-email": contact is declared with format "email"');
    expect(suggestField({ name: "email", format: "email" })!.confidence).toBeGreaterThan(suggestField({ name: "email" })!.confidence);
    expect(suggestField({ name: "id", format: "uuid" })).toBeNull();
  });
});

describe("example values", () => {
  it("checks card numbers with Luhn and IBANs with mod 97", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(ibanValid("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
  });

  it.each([
    ["reference", "4111 1111 1111 1111", "example-pan", "PAN"],
    ["value", "DE89370400440532013000", "example-iban", null],
    ["contact", "jane.doe@example.com", "example-email", null],
    ["contact", "+49 30 1234567", "example-phone", null],
    ["origin", "203.0.113.7", "example-ip", null],
  ])("%s = %s -> %s", (name, example, rule, pci) => {
    const s = suggestField({ name, example })!;
    expect(s.rule).toBe(rule);
    expect(s.pciElement).toBe(pci);
    expect(s.reason).toContain("example value");
  });

  it("does not take any long number for a card", () => {
    expect(suggestField({ name: "reference", example: "4111111111111112" })).toBeNull();
    expect(suggestField({ name: "orderNumber", example: "1234567890123" })).toBeNull();
  });

  it("raises the confidence when name and value agree", () => {
    const byName = suggestField({ name: "email" })!;
    const both = suggestField({ name: "email", example: "a@b.example" })!;
    expect(both.confidence).toBeGreaterThan(byName.confidence);
    expect(both.reason).toContain("looks like an email address");
  });
});

it("highestLevel picks the strictest", () => {
  expect(highestLevel(["INTERNAL", null, "RESTRICTED", "CONFIDENTIAL"])).toBe("RESTRICTED");
  expect(highestLevel([])).toBeNull();
});
