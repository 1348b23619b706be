// Reference data for transfer checks. Sources are named so an officer can check them against the current texts.
import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";

/**
 * EEA: the 27 EU member states plus Iceland, Liechtenstein and Norway (Agreement on the European Economic Area;
 * EU membership per europa.eu "EU countries", as of 2026).
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

/**
 * Countries with a European Commission adequacy decision under GDPR Art. 45 (or the earlier Directive 95/46 decisions
 * Art. 45(9) keeps in force). Source: European Commission, "Adequacy decisions"
 * (commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions).
 * Some are partial: Canada covers commercial organisations under PIPEDA; the United States covers only organisations
 * certified under the EU-US Data Privacy Framework (decision of 10 July 2023), so a flow to the US relying on
 * adequacy should name the DPF certification as its transfer document.
 */
export const ADEQUATE_COUNTRIES: ReadonlyMap<string, string> = new Map([
  ["AD", "Andorra (2010/625/EU)"],
  ["AR", "Argentina (2003/490/EC)"],
  ["CA", "Canada, commercial organisations under PIPEDA (2002/2/EC)"],
  ["FO", "Faroe Islands (2010/146/EU)"],
  ["GG", "Guernsey (2003/821/EC)"],
  ["IL", "Israel (2011/61/EU)"],
  ["IM", "Isle of Man (2004/411/EC)"],
  ["JP", "Japan (C(2019) 304)"],
  ["JE", "Jersey (2008/393/EC)"],
  ["NZ", "New Zealand (2013/65/EU)"],
  ["KR", "Republic of Korea (C(2021) 9316)"],
  ["CH", "Switzerland (2000/518/EC)"],
  ["GB", "United Kingdom (C(2021) 4800, renewed 2025)"],
  ["US", "United States, organisations certified under the EU-US Data Privacy Framework (C(2023) 4745)"],
  ["UY", "Uruguay (2012/484/EU)"],
]);

export const inEea = (country: string) => EEA_COUNTRIES.has(country) || EEA_TERRITORY_CODES.has(country);
export const isAdequate = (country: string) => ADEQUATE_COUNTRIES.has(country);

/**
 * Codes ISO 3166/MA "exceptionally reserved" for parts of Spain that are in the EU (TFEU Art. 349, 355: the Canary
 * Islands are an outermost region; Ceuta and Melilla are Spanish territory). Not ISO 3166-1 countries, but customs and
 * shipping data use them, so they are accepted and count as EEA.
 */
export const EEA_TERRITORY_CODES: ReadonlyMap<string, string> = new Map([
  ["IC", "Canary Islands (Spain)"],
  ["EA", "Ceuta and Melilla (Spain)"],
]);

/**
 * Aliases and withdrawn codes people type, with the code to use (ISO 3166-1 and ISO 3166-3 withdrawn codes).
 * Anything else that is not on the ISO 3166-1 list is refused without a hint.
 */
export const COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map([
  ["UK", "GB"], // exceptionally reserved for the United Kingdom; GB is the ISO code
  ["EL", "GR"], // the EU's own abbreviation for Greece
  ["DD", "DE"], // German Democratic Republic, withdrawn 1990
  ["FX", "FR"], // Metropolitan France, withdrawn 1997
  ["YU", "RS"], // Yugoslavia, withdrawn 2003
  ["CS", "RS"], // Serbia and Montenegro, withdrawn 2006
  ["SU", "RU"], // USSR, withdrawn 1992
  ["ZR", "CD"], // Zaire, withdrawn 1997
  ["TP", "TL"], // East Timor, withdrawn 2002
  ["AN", "CW"], // Netherlands Antilles, withdrawn 2010 (also BQ, SX)
  ["BU", "MM"], // Burma, withdrawn 1989
]);

countries.registerLocale(english);

/** A strict ISO 3166-1 alpha-2 code (the i18n-iso-countries list), or one of the EEA territory codes above. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  return countries.isValid(code) || EEA_TERRITORY_CODES.has(code);
}

/** Why a code is refused, with the code to use when it is a known alias: "UK is not an ISO 3166-1 code; use GB". */
export function countryCodeProblem(code: string): string | null {
  if (isCountryCode(code)) return null;
  const hint = COUNTRY_ALIASES.get(code);
  if (hint) return `${code} is not an ISO 3166-1 alpha-2 country code; use ${hint} (${countryName(hint)})`;
  return `${code || "(empty)"} is not an ISO 3166-1 alpha-2 country code, e.g. DE`;
}

export const countryName = (code: string) => EEA_TERRITORY_CODES.get(code) ?? countries.getName(code, "en", { select: "official" }) ?? code;
