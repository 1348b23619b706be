import { expect, it } from "vitest";
import { ADEQUATE_COUNTRIES, countryCodeProblem, countryName, EEA_COUNTRIES, inEea, isAdequate, isCountryCode } from "./countries";
import { Country } from "./schemas";

it("knows the 30 EEA countries and keeps adequacy to countries outside it", () => {
  expect(EEA_COUNTRIES.size).toBe(30);
  expect(inEea("NO") && inEea("DE") && !inEea("CH") && !inEea("GB")).toBe(true);
  expect(isAdequate("JP") && isAdequate("CH") && !isAdequate("IN") && !isAdequate("CN")).toBe(true);
  for (const code of ADEQUATE_COUNTRIES.keys()) expect(inEea(code), code).toBe(false);
});

it("accepts ISO 3166 alpha-2 codes only", () => {
  for (const code of ["DE", "IN", "US", "BR", ...EEA_COUNTRIES, ...ADEQUATE_COUNTRIES.keys()]) expect(isCountryCode(code), code).toBe(true);
  for (const code of ["XX", "ZZ", "EU", "de", "DEU", "", "D"]) expect(isCountryCode(code), code).toBe(false);
});

it("refuses aliases and withdrawn codes with the ISO code to use", () => {
  for (const code of ["UK", "DD", "EL", "YU", "EU"]) expect(isCountryCode(code), code).toBe(false);
  expect(countryCodeProblem("UK")).toBe("UK is not an ISO 3166-1 alpha-2 country code; use GB (United Kingdom)");
  expect(countryCodeProblem("DD")).toContain("use DE");
  expect(countryCodeProblem("QQ")).toBe("QQ is not an ISO 3166-1 alpha-2 country code, e.g. DE");
  expect(countryCodeProblem("GB")).toBeNull();
  expect(Country.safeParse("uk").error?.issues[0].message).toContain("use GB");
});

it("counts the Canary Islands, Ceuta and Melilla as EEA", () => {
  for (const code of ["IC", "EA"]) {
    expect(isCountryCode(code), code).toBe(true);
    expect(inEea(code), code).toBe(true);
  }
  expect(countryName("IC")).toBe("Canary Islands (Spain)");
});
