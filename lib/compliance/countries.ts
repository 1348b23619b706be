// Reference data for transfer checks. Sources are named so an officer can check them against the current texts.

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

export const inEea = (country: string) => EEA_COUNTRIES.has(country);
export const isAdequate = (country: string) => ADEQUATE_COUNTRIES.has(country);

/** ISO 3166-1 alpha-2 codes, from the runtime's CLDR region data (Intl.DisplayNames), so no list is hand-kept. */
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  // CLDR also names a few exceptionally reserved or user-assigned codes; these are not countries.
  if (["EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"].includes(code)) return false;
  return regionNames.of(code) !== undefined;
}
export const countryName = (code: string) => regionNames.of(code) ?? code;
