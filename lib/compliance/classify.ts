// The classification suggestion engine: pure functions from a field's name, path, type and example value to a
// suggested sensitivity level and data tags, each with the rule, the matched words and a confidence.
import { z } from "zod";
import { NAME_RULES, type Level, type NameRule, type PciElement } from "./classify-rules";

export type { Level, PciElement } from "./classify-rules";

/** `format` is the OpenAPI / JSON Schema format ("email", "ipv4", "password"...), used as a hint. */
export type FieldInput = { name: string; path?: string | null; type?: string | null; format?: string | null; example?: string | null };

export type Suggestion = {
  level: Level;
  personalCategory: string | null;
  specialCategory: string | null;
  criminal: boolean;
  pciElement: PciElement | null;
  rule: string;
  matchedWords: string[];
  confidence: number;
  reason: string;
};

export const LEVELS: readonly Level[] = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"];
export const levelRank = (level: Level | null | undefined) => (level ? LEVELS.indexOf(level) : -1);
export function highestLevel(levels: Iterable<Level | null | undefined>): Level | null {
  let best: Level | null = null;
  for (const level of levels) if (level && levelRank(level) > levelRank(best)) best = level;
  return best;
}

/**
 * Splits an identifier into lower-case words: camelCase, PascalCase, snake_case, kebab-case, dots and digits
 * boundaries ("customerEmail" -> customer, email; "IBANNumber" -> iban, number; "address_line1" -> address, line1).
 */
export function tokenize(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function findPhrase(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

const BOOLEAN_TYPES = new Set(["boolean", "bool"]);
// zod rather than node:net, so the engine also runs in the browser (forms import the schemas that import it).
const IpAddress = z.union([z.ipv4(), z.ipv6()]);

type Match = { rule: NameRule; words: string[] };

/** Words of the segment before the field in a dotted path ("Payment.Dbtr.Nm" -> ["dbtr"]); array markers ignored. */
function parentOf(path: string | null | undefined): string[] {
  const segments = (path ?? "").split(/[./]/).map((p) => p.replace(/\[\d*\]/g, "")).filter(Boolean);
  return segments.length >= 2 ? tokenize(segments[segments.length - 2]) : [];
}

// Each rule's phrases longest first, and the rules a word can start a phrase of: a field is checked only against the
// rules one of its words can match, in NAME_RULES order (an import classifies every field of every spec; checking
// all rules against each field was most of an import's time on the request thread).
type PreparedRule = { rule: NameRule; index: number; phrases: string[][] };
const PREPARED_RULES: PreparedRule[] = NAME_RULES.map((rule, index) => ({ rule, index, phrases: [...rule.phrases].sort((a, b) => b.length - a.length) }));
const RULES_BY_FIRST_WORD = new Map<string, PreparedRule[]>();
for (const prepared of PREPARED_RULES) {
  for (const first of new Set(prepared.phrases.map((p) => p[0]))) {
    RULES_BY_FIRST_WORD.set(first, [...(RULES_BY_FIRST_WORD.get(first) ?? []), prepared]);
  }
}

function candidateRules(words: string[]): PreparedRule[] {
  const found = new Set<PreparedRule>();
  for (const word of words) for (const prepared of RULES_BY_FIRST_WORD.get(word) ?? []) found.add(prepared);
  return [...found].sort((a, b) => a.index - b.index);
}

/** Every name rule that applies to the field, most specific (longest phrase) first. */
export function matchNameRules(field: FieldInput): Match[] {
  const words = tokenize(field.name);
  const candidates = candidateRules(words);
  if (candidates.length === 0) return [];
  // Parents give context ("Card.expiryMonth"); the last segment of the path is the field itself.
  const pathWords = field.path ? tokenize(field.path) : words;
  const isFlag = BOOLEAN_TYPES.has((field.type ?? "").toLowerCase());
  const parentWords = parentOf(field.path);
  const matches: Match[] = [];
  for (const { rule, phrases } of candidates) {
    if (rule.identifier && isFlag) continue;
    if (rule.unless?.some((w) => words.includes(w))) continue;
    if (rule.requires && !rule.requires.some((w) => pathWords.includes(w))) continue;
    if (rule.parent && !rule.parent.some((w) => parentWords.includes(w))) continue;
    const phrase = phrases.find((p) => findPhrase(words, p));
    if (phrase) matches.push({ rule, words: phrase });
  }
  return matches.sort((a, b) => b.words.length - a.words.length || b.rule.confidence - a.rule.confidence);
}

/** Luhn checksum, as card numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check (mod 97 == 1). */
export function ibanValid(value: string): boolean {
  const iban = value.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = ch >= "A" ? (ch.charCodeAt(0) - 55).toString() : ch;
    for (const digit of n) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

type ValueMatch = { rule: string; level: Level; personal: string; pci?: PciElement; confidence: number; what: string };

/** What an example value reveals by its shape alone. */
export function matchExample(example: string | null | undefined): ValueMatch | null {
  if (!example) return null;
  const value = example.trim();
  if (value.length > 200) return null;
  const digits = value.replace(/[ -]/g, "");
  if (/^\d{13,19}$/.test(digits) && /^[2-6]/.test(digits) && luhnValid(digits)) {
    return { rule: "example-pan", level: "RESTRICTED", personal: "financial", pci: "PAN", confidence: 0.95, what: "a card number (passes the Luhn check)" };
  }
  if (ibanValid(value)) return { rule: "example-iban", level: "CONFIDENTIAL", personal: "financial", confidence: 0.95, what: "an IBAN (valid check digits)" };
  if (/^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(value)) return { rule: "example-email", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.9, what: "an email address" };
  if (/^\+[1-9][\d ()-]{7,18}$/.test(value) && value.replace(/\D/g, "").length >= 8) {
    return { rule: "example-phone", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.75, what: "an international phone number" };
  }
  if (IpAddress.safeParse(value).success) return { rule: "example-ip", level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.75, what: "an IP address" };
  return null;
}

/** What an OpenAPI / JSON Schema `format` says about a field (a hint: the format is declared, not observed). */
const FORMAT_HINTS: Record<string, ValueMatch> = {
  email: { rule: "format-email", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.85, what: 'declared with format "email"' },
  "idn-email": { rule: "format-email", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.85, what: 'declared with format "idn-email"' },
  ipv4: { rule: "format-ip", level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.7, what: 'declared with format "ipv4"' },
  ipv6: { rule: "format-ip", level: "CONFIDENTIAL", personal: "online identifiers", confidence: 0.7, what: 'declared with format "ipv6"' },
  phone: { rule: "format-phone", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.8, what: 'declared with format "phone"' },
  "phone-number": { rule: "format-phone", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.8, what: 'declared with format "phone-number"' },
  e164: { rule: "format-phone", level: "CONFIDENTIAL", personal: "contact details", confidence: 0.8, what: 'declared with format "e164"' },
  iban: { rule: "format-iban", level: "CONFIDENTIAL", personal: "financial", confidence: 0.85, what: 'declared with format "iban"' },
};
const evidenceOf = (v: ValueMatch) => (v.rule.startsWith("format-") ? `the field is ${v.what}` : `the example value looks like ${v.what}`);
const formatHint = (format: string | null | undefined) => (format ? FORMAT_HINTS[format.toLowerCase()] ?? null : null);

/**
 * The suggestion for one field, or null when no rule applies (the field stays "unknown"). The most specific name
 * rule wins; an example value of a recognisable shape adds to it (or stands alone when the name says nothing).
 */
export function suggestField(field: FieldInput): Suggestion | null {
  const [best] = matchNameRules(field);
  const value = BOOLEAN_TYPES.has((field.type ?? "").toLowerCase()) ? null : (matchExample(field.example) ?? formatHint(field.format));
  const where = field.path || field.name;
  if (best) {
    const { rule, words } = best;
    const agrees = value && (value.pci ? value.pci === rule.pci : value.personal === rule.personal);
    const confidence = agrees ? Math.min(0.99, Math.max(rule.confidence, value.confidence) + 0.05) : rule.confidence;
    const level = value && !agrees && LEVELS.indexOf(value.level) > LEVELS.indexOf(rule.level) ? value.level : rule.level;
    return {
      level,
      personalCategory: rule.personal ?? null,
      specialCategory: rule.special ?? null,
      criminal: rule.criminal ?? false,
      pciElement: rule.pci ?? (value && !agrees ? value.pci ?? null : null),
      rule: rule.id,
      matchedWords: words,
      confidence: Number(confidence.toFixed(2)),
      reason:
        `Rule "${rule.id}" matched the words "${words.join(" ")}" in ${where}` +
        (value ? `; ${evidenceOf(value)}${agrees ? "" : ` (rule "${value.rule}")`}` : "") +
        (rule.special || rule.criminal ? " (a hint only: confirm against the data)" : ""),
    };
  }
  if (value) {
    return {
      level: value.level,
      personalCategory: value.personal,
      specialCategory: null,
      criminal: false,
      pciElement: value.pci ?? null,
      rule: value.rule,
      matchedWords: [],
      confidence: Number((value.confidence - 0.1).toFixed(2)),
      reason: value.rule.startsWith("format-") ? `Rule "${value.rule}": ${where} is ${value.what}` : `Rule "${value.rule}": the example value of ${where} looks like ${value.what}`,
    };
  }
  return null;
}
