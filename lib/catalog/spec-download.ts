/** Media types by spec format; YAML-or-JSON formats are sniffed from the first character. */
const TYPES: Record<string, string> = {
  WSDL: "application/wsdl+xml",
  GRAPHQL: "application/graphql",
  PROTOBUF: "text/plain",
  AVRO: "application/json",
  JSON_SCHEMA: "application/schema+json",
  CSV: "text/csv",
  NONE: "text/plain",
};

export function specMediaType(specFormat: string, spec: string): { type: string; extension: string } {
  if (specFormat === "OPENAPI" || specFormat === "ASYNCAPI" || specFormat === "ODCS") {
    return /^\s*[{[]/.test(spec) ? { type: "application/json", extension: "json" } : { type: "application/yaml", extension: "yaml" };
  }
  const extension = { WSDL: "wsdl", GRAPHQL: "graphql", PROTOBUF: "proto", AVRO: "avsc", JSON_SCHEMA: "json", CSV: "csv" }[specFormat] ?? "txt";
  return { type: TYPES[specFormat] ?? "text/plain", extension };
}

/** The raw document as an attachment named after the interface and version. */
export function specDownload(spec: { slug: string; version: string; specFormat: string; spec: string }): Response {
  const { type, extension } = specMediaType(spec.specFormat, spec.spec);
  // Only safe characters in the filename, so the header cannot be split or spoofed.
  const filename = `${spec.slug}-${spec.version}`.replace(/[^\w.-]+/g, "_") + `.${extension}`;
  return new Response(spec.spec, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
