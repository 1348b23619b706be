import { expect, it } from "vitest";
import { ADEQUATE_COUNTRIES, EEA_COUNTRIES, inEea, isAdequate, isCountryCode } from "./countries";

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
