// The name rules of the classification suggestion engine (classify.ts). Each rule matches whole words of a
// field name, never substrings: "state" must not match "statement", nor "mail" "mailbox_config".

export type Level = "PUBLIC" | "INTERNAL" | "CONFIDENTIAL" | "RESTRICTED";
export type PciElement = "PAN" | "CARDHOLDER_NAME" | "EXPIRY" | "SERVICE_CODE" | "SAD";

export type NameRule = {
  id: string;
  /** Word sequences that must appear contiguously in the tokenized field name. */
  phrases: string[][];
  level: Level;
  /** GDPR personal-data category, when the field is personal data. */
  personal?: string;
  /** GDPR Art. 9 special category (a hint: names alone cannot prove it). */
  special?: string;
  /** GDPR Art. 10: criminal convictions and offences. */
  criminal?: boolean;
  pci?: PciElement;
  confidence: number;
  /** Words in the name that mean the field is about something else ("nextPageToken", "healthCheckUrl"). */
  unless?: string[];
  /** Words one of which must appear in the field's path (its parents), e.g. "card" for an expiry date. */
  requires?: string[];
  /** Identifier rules do not apply to flags: "emailVerified: boolean" is not an email address. */
  identifier?: boolean;
  /** Words one of which must name the field's immediate parent ("Dbtr.Nm", "beneficiary.name"). */
  parent?: string[];
};

const ABOUT = ["type", "types", "count", "enabled", "verified", "template", "subject", "format", "config", "configuration", "provider", "server", "policy", "length", "pattern", "regex", "required", "hash", "mask", "masked"];

export const NAME_RULES: NameRule[] = [
  { id: "email", phrases: [["email"], ["e", "mail"], ["email", "address"], ["mail", "address"], ["mail"]], level: "CONFIDENTIAL", personal: "contact details", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "phone", phrases: [["phone"], ["telephone"], ["phone", "number"], ["mobile", "number"], ["mobile", "phone"], ["msisdn"], ["fax"]], level: "CONFIDENTIAL", personal: "contact details", confidence: 0.85, unless: ABOUT, identifier: true },
  { id: "cardholder-name", phrases: [["cardholder", "name"], ["card", "holder", "name"], ["cardholder"], ["name", "on", "card"]], level: "CONFIDENTIAL", personal: "identification", pci: "CARDHOLDER_NAME", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "person-name", phrases: [["first", "name"], ["last", "name"], ["full", "name"], ["given", "name"], ["family", "name"], ["middle", "name"], ["maiden", "name"], ["surname"], ["firstname"], ["lastname"], ["fullname"], ["forename"], ["givenname"]], level: "CONFIDENTIAL", personal: "identification", confidence: 0.85, unless: ABOUT, identifier: true },
  { id: "username", phrases: [["username"], ["user", "name"], ["login", "name"], ["user", "login"], ["screen", "name"]], level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.8, unless: ABOUT, identifier: true },
  { id: "credential", phrases: [["password"], ["passwd"], ["secret"], ["client", "secret"], ["api", "key"], ["apikey"], ["token"], ["access", "token"], ["refresh", "token"], ["private", "key"], ["pin"]], level: "RESTRICTED", confidence: 0.85,
    // Pagination, idempotency and card tokens are references, not secrets.
    unless: [...ABOUT, "page", "next", "pagination", "continuation", "idempotency", "cursor", "card", "network", "sync", "csrf", "expiry", "expires"], identifier: true },
  // National identifiers by their local names: DE Steuer-ID / Sozialversicherungsnummer, IT codice fiscale, NL BSN,
  // PL PESEL, SE/NO/DK personnummer / fødselsnummer / CPR, FR NIR, ES DNI/NIE/NIF, BE INSZ/NISS, IE PPSN, RO CNP,
  // BG EGN, HR OIB, GR AMKA, FI henkilötunnus, AT SVNR, UK NINO / NHS number, US SSN / ITIN, IN Aadhaar.
  { id: "national-id", phrases: [["national", "id"], ["national", "identifier"], ["national", "id", "number"], ["ssn"], ["social", "security", "number"], ["social", "security"], ["social", "security", "no"],
    ["tax", "id"], ["tax", "number"], ["tax", "identification", "number"], ["tin"], ["itin"], ["national", "insurance", "number"], ["national", "insurance"], ["nino"], ["personal", "id", "number"], ["id", "card", "number"],
    ["identity", "card", "number"], ["identity", "number"], ["personal", "identity", "number"], ["personal", "number"], ["citizen", "id"], ["resident", "id"],
    ["steuer", "id"], ["steuerid"], ["steueridentifikationsnummer"], ["steuer", "identifikationsnummer"], ["steuernummer"], ["steuer", "nummer"], ["sozialversicherungsnummer"], ["svnr"], ["rentenversicherungsnummer"],
    ["codice", "fiscale"], ["codicefiscale"], ["bsn"], ["burgerservicenummer"], ["pesel"], ["personnummer"], ["fodselsnummer"], ["fødselsnummer"], ["cpr"], ["cpr", "number"],
    ["nir"], ["numero", "securite", "sociale"], ["dni"], ["nie"], ["nif"], ["insz"], ["niss"], ["rijksregisternummer"], ["ppsn"], ["pps", "number"], ["cnp"], ["egn"], ["oib"], ["amka"],
    ["henkilotunnus"], ["hetu"], ["nhs", "number"], ["nhs", "no"], ["nhs", "id"], ["aadhaar"], ["aadhar"], ["aadhaar", "number"], ["uid", "number"], ["voter", "id"], ["sin", "number"]],
    level: "RESTRICTED", personal: "government identifiers", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "passport", phrases: [["passport"], ["passport", "number"], ["passport", "no"]], level: "RESTRICTED", personal: "government identifiers", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "driver-licence", phrases: [["driver", "licence"], ["driver", "license"], ["drivers", "license"], ["drivers", "licence"], ["driving", "licence"], ["driving", "license"]], level: "RESTRICTED", personal: "government identifiers", confidence: 0.9, unless: ABOUT, identifier: true },
  // Parties of payment and banking messages (ISO 20022 Dbtr/Cdtr, SWIFT MT 50 ordering customer / 59 beneficiary):
  // their names are people's names unless the party is a company, which a name alone cannot tell.
  { id: "party-name", phrases: [["debtor", "name"], ["creditor", "name"], ["beneficiary", "name"], ["beneficiary"], ["payee", "name"], ["payer", "name"], ["recipient", "name"],
    ["ordering", "customer"], ["ordering", "party"], ["ultimate", "debtor"], ["ultimate", "creditor"], ["account", "holder"], ["account", "holder", "name"], ["account", "owner"],
    ["remitter", "name"], ["remitter"], ["sender", "name"], ["receiver", "name"], ["holder", "name"], ["owner", "name"], ["contact", "name"], ["customer", "name"], ["employee", "name"],
    ["applicant", "name"], ["patient", "name"], ["guest", "name"], ["passenger", "name"], ["display", "name"], ["legal", "name"], ["person", "name"], ["nickname"], ["signatory"], ["signatory", "name"]],
    level: "CONFIDENTIAL", personal: "identification", confidence: 0.8, unless: [...ABOUT, "bank", "agent", "company", "country", "city", "file", "host", "queue", "topic", "branch", "product", "field"], identifier: true },
  // A bare "name" / "Nm" is a person's name only under a party that is a person.
  { id: "party-name-in-parent", phrases: [["name"], ["nm"], ["full", "name"]], parent: ["debtor", "dbtr", "creditor", "cdtr", "ultmt", "beneficiary", "payee", "payer", "recipient", "customer",
    "employee", "applicant", "contact", "person", "user", "owner", "holder", "patient", "guest", "passenger", "remitter", "cardholder", "member", "candidate", "signatory", "individual", "driver", "insured", "policyholder",
    "sender", "receiver", "requester", "requestor", "reporter", "author", "assignee", "approver"],
    level: "CONFIDENTIAL", personal: "identification", confidence: 0.75, unless: ABOUT, identifier: true },
  { id: "salary-income", phrases: [["salary"], ["salaries"], ["gross", "salary"], ["net", "salary"], ["base", "salary"], ["income"], ["annual", "income"], ["monthly", "income"], ["net", "income"], ["gross", "income"],
    ["wage"], ["wages"], ["gross", "pay"], ["net", "pay"], ["payslip"], ["pay", "slip"], ["pay", "rate"], ["hourly", "rate"], ["remuneration"], ["compensation"], ["bonus", "amount"], ["pension", "contribution"]],
    level: "CONFIDENTIAL", personal: "financial", confidence: 0.8, unless: [...ABOUT, "statement", "tax", "code", "category", "band", "grade", "range", "source"], identifier: true },
  // Free text written by or about a person (notes, comments, remittance information) routinely holds personal data.
  { id: "free-text", phrases: [["notes"], ["note"], ["comment"], ["comments"], ["remark"], ["remarks"], ["free", "text"], ["freetext"], ["memo"], ["narrative"], ["ustrd"], ["remittance", "information"],
    ["unstructured", "remittance"], ["remittance", "info"], ["internal", "note"], ["agent", "notes"], ["case", "notes"], ["message", "body"], ["ticket", "body"], ["feedback"], ["complaint"], ["complaint", "text"]],
    level: "CONFIDENTIAL", personal: "free text (may contain personal data)", confidence: 0.6, unless: [...ABOUT, "count", "id", "ids", "url", "flag", "release"], identifier: true },
  { id: "bank-account", phrases: [["iban"], ["bban"], ["account", "number"], ["bank", "account"], ["bank", "account", "number"], ["debtor", "account"], ["creditor", "account"]], level: "CONFIDENTIAL", personal: "financial", confidence: 0.85, unless: ABOUT, identifier: true },
  { id: "card-number", phrases: [["card", "number"], ["pan"], ["primary", "account", "number"], ["credit", "card", "number"], ["card", "no"], ["cc", "number"]], level: "RESTRICTED", personal: "financial", pci: "PAN", confidence: 0.9, unless: [...ABOUT, "last", "last4", "suffix", "bin"], identifier: true },
  { id: "card-verification", phrases: [["cvv"], ["cvc"], ["cvv2"], ["cvc2"], ["cid"], ["card", "verification", "code"], ["card", "verification", "value"], ["card", "security", "code"]], level: "RESTRICTED", personal: "financial", pci: "SAD", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "track-data", phrases: [["track", "data"], ["track1"], ["track2"], ["magnetic", "stripe"], ["pin", "block"]], level: "RESTRICTED", personal: "financial", pci: "SAD", confidence: 0.85, identifier: true },
  { id: "card-expiry", phrases: [["expiry"], ["expiry", "date"], ["expiry", "month"], ["expiry", "year"], ["expiration", "date"], ["expiration", "month"], ["expiration", "year"], ["exp", "month"], ["exp", "year"]], level: "CONFIDENTIAL", personal: "financial", pci: "EXPIRY", confidence: 0.75, requires: ["card", "cards", "payment", "pan", "cardholder"], unless: ABOUT, identifier: true },
  { id: "card-service-code", phrases: [["service", "code"]], level: "CONFIDENTIAL", personal: "financial", pci: "SERVICE_CODE", confidence: 0.7, requires: ["card", "cards", "pan", "track"], unless: ABOUT, identifier: true },
  { id: "date-of-birth", phrases: [["date", "of", "birth"], ["dob"], ["birth", "date"], ["birthdate"], ["birthday"], ["birth", "day"]], level: "CONFIDENTIAL", personal: "identification", confidence: 0.9, unless: ABOUT, identifier: true },
  { id: "gender", phrases: [["gender"], ["sex"]], level: "CONFIDENTIAL", personal: "identification", confidence: 0.8, unless: ABOUT, identifier: true },
  { id: "nationality", phrases: [["nationality"], ["citizenship"]], level: "CONFIDENTIAL", personal: "identification", confidence: 0.85, unless: ABOUT, identifier: true },
  { id: "postal-address", phrases: [["street"], ["street", "address"], ["address", "line"], ["address", "line1"], ["address", "line2"], ["postcode"], ["post", "code"], ["postal", "code"], ["zip"], ["zip", "code"], ["zipcode"], ["house", "number"], ["home", "address"], ["billing", "address"], ["shipping", "address"], ["delivery", "address"]], level: "CONFIDENTIAL", personal: "contact details", confidence: 0.8, unless: ABOUT, identifier: true },
  { id: "ip-address", phrases: [["ip"], ["ip", "address"], ["ipv4"], ["ipv6"], ["ip", "addr"], ["client", "ip"], ["remote", "addr"]], level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.8, unless: [...ABOUT, "range", "allowlist", "whitelist", "cidr"], identifier: true },
  // "mac" alone is as often a message authentication code as a hardware address.
  { id: "mac-address", phrases: [["mac", "address"], ["macaddr"], ["mac", "addr"]], level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.8, unless: ABOUT, identifier: true },
  { id: "device-id", phrases: [["device", "id"], ["deviceid"], ["device", "identifier"], ["idfa"], ["idfv"], ["gaid"], ["aaid"], ["advertising", "id"], ["ad", "id"], ["imei"], ["imsi"], ["device", "fingerprint"],
    ["installation", "id"], ["install", "id"], ["installation", "identifier"], ["app", "instance", "id"], ["android", "id"], ["udid"], ["push", "token"], ["fcm", "token"], ["apns", "token"], ["device", "token"],
    ["registration", "token"], ["cookie", "id"], ["anonymous", "id"], ["visitor", "id"], ["client", "device", "id"]], level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.8, unless: ABOUT, identifier: true },
  { id: "geolocation", phrases: [["latitude"], ["longitude"], ["lat"], ["lng"], ["lon"], ["geolocation"], ["geo", "location"], ["gps"], ["coordinates"]], level: "CONFIDENTIAL", personal: "location", confidence: 0.7, unless: ABOUT, identifier: true },
  // Art. 9 hints: a word in a name is a reason to look, not proof, hence the low confidence.
  { id: "art9-health", phrases: [["health"], ["medical"], ["diagnosis"], ["disability"], ["sick", "leave"], ["sickness"], ["allergy"], ["allergies"], ["blood", "type"], ["medication"]], level: "RESTRICTED", personal: "health", special: "health", confidence: 0.55,
    unless: ["check", "checks", "checked", "endpoint", "url", "probe", "monitor", "system", "service", "api", "score", "cluster", "node"] },
  { id: "art9-religion", phrases: [["religion"], ["religious"], ["faith"], ["church", "tax"], ["denomination"]], level: "RESTRICTED", personal: "beliefs", special: "religious or philosophical beliefs", confidence: 0.55 },
  { id: "art9-ethnicity", phrases: [["ethnicity"], ["ethnic"], ["ethnic", "origin"], ["race"], ["racial"]], level: "RESTRICTED", personal: "origin", special: "racial or ethnic origin", confidence: 0.55, unless: ["condition"] },
  // "union" alone is a schema keyword ("type union"); only the trade-union phrases count.
  { id: "art9-trade-union", phrases: [["trade", "union"], ["union", "member"], ["union", "membership"], ["labor", "union"], ["labour", "union"]], level: "RESTRICTED", personal: "memberships", special: "trade-union membership", confidence: 0.55 },
  // Certificate, key and browser fingerprints are hashes, not biometrics.
  { id: "art9-biometric", phrases: [["biometric"], ["biometrics"], ["fingerprint"], ["face", "template"], ["facial"], ["iris"], ["voiceprint"], ["face", "id"]], level: "RESTRICTED", personal: "biometric", special: "biometric data", confidence: 0.55,
    unless: ["certificate", "cert", "key", "ssh", "tls", "ssl", "hash", "sha", "sha1", "sha256", "device", "browser", "public", "schema", "content"] },
  { id: "art9-political", phrases: [["political"], ["political", "opinion"], ["party", "affiliation"], ["political", "party"]], level: "RESTRICTED", personal: "beliefs", special: "political opinions", confidence: 0.55 },
  { id: "art9-sexual-orientation", phrases: [["sexual", "orientation"], ["sex", "life"], ["sexuality"]], level: "RESTRICTED", personal: "sex life", special: "sex life or sexual orientation", confidence: 0.55 },
  { id: "art9-genetic", phrases: [["genetic"], ["dna"], ["genome"], ["genotype"]], level: "RESTRICTED", personal: "genetic", special: "genetic data", confidence: 0.55 },
  { id: "art10-criminal", phrases: [["criminal"], ["criminal", "record"], ["conviction"], ["convictions"], ["offence"], ["offences"], ["offense"], ["offenses"]], level: "RESTRICTED", personal: "criminal offences", criminal: true, confidence: 0.55 },
];
