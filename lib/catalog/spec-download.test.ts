import { describe, expect, it } from "vitest";
import { specDownload, specMediaType } from "./spec-download";

describe("spec download", () => {
  it.each([
    { format: "OPENAPI", spec: "openapi: 3.1.0", type: "application/yaml", extension: "yaml" },
    { format: "ASYNCAPI", spec: '  {"asyncapi": "3.0.0"}', type: "application/json", extension: "json" },
    { format: "WSDL", spec: "<definitions/>", type: "application/wsdl+xml", extension: "wsdl" },
    { format: "PROTOBUF", spec: "syntax = \"proto3\";", type: "text/plain", extension: "proto" },
    { format: "CSV", spec: "a,b", type: "text/csv", extension: "csv" },
  ])("serves $format as $type", ({ format, spec, type, extension }) => {
    expect(specMediaType(format, spec)).toEqual({ type, extension });
  });

  it("sends an attachment whose filename cannot break the header", async () => {
    const response = specDownload({ slug: "payments-api", version: '1.0"\r\nx: y', specFormat: "OPENAPI", spec: "openapi: 3.1.0" });
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="payments-api-1.0_x_y.yaml"');
    expect(response.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(await response.text()).toBe("openapi: 3.1.0");
  });
});
