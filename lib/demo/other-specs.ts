import { entityExample } from "./examples";
import type { JsonValue } from "./json-schema";
import { camel, type SpecInput } from "./openapi";
import type { FieldType } from "./types";

const XSD: Partial<Record<FieldType, string>> = {
  int: "xsd:int", number: "xsd:decimal", bool: "xsd:boolean", date: "xsd:date", datetime: "xsd:dateTime", amount: "xsd:decimal", url: "xsd:anyURI",
};

/** A WSDL 1.1 document/literal service with one lookup operation, the shape most CICS and SAP SOAP services have. */
export function wsdlDocument({ iface, entity, system }: SpecInput): string {
  const service = iface.name.replace(/\(.*?\)/g, "").replace(/[^A-Za-z0-9]/g, "");
  const ns = `urn:interchange:${system.slug}:${camel(service)}`;
  const idField = Object.keys(entity.fields)[0];
  const elements = Object.entries(entity.fields)
    .map(([name, type]) => {
      const xsdType = XSD[type] ?? "xsd:string";
      const repeated = type === "lines" || type === "strings" ? ' maxOccurs="unbounded"' : "";
      return `            <xsd:element name="${name}" type="${xsdType}"${repeated}/>`;
    })
    .join("\n");
  const op = `Get${entity.title}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="${service}" targetNamespace="${ns}"
    xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="${ns}" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <documentation>${escapeXml(iface.description)}</documentation>
  <types>
    <xsd:schema targetNamespace="${ns}" elementFormDefault="qualified">
      <xsd:element name="${op}Request">
        <xsd:complexType><xsd:sequence><xsd:element name="${idField}" type="xsd:string"/></xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="${entity.title}">
        <xsd:complexType>
          <xsd:sequence>
${elements}
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="${op}Request"><part name="parameters" element="tns:${op}Request"/></message>
  <message name="${op}Response"><part name="parameters" element="tns:${entity.title}"/></message>
  <portType name="${service}PortType">
    <operation name="${op}"><input message="tns:${op}Request"/><output message="tns:${op}Response"/></operation>
  </portType>
  <binding name="${service}Binding" type="tns:${service}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="${op}">
      <soap:operation soapAction="${ns}:${op}"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="${service}">
    <port name="${service}Port" binding="tns:${service}Binding">
      <soap:address location="https://soa.interchange.local/${system.slug}/${service}"/>
    </port>
  </service>
</definitions>
`;
}

const PROTO: Partial<Record<FieldType, string>> = { int: "int64", number: "double", bool: "bool" };

export function protoDocument({ iface, entity, system }: SpecInput): string {
  const service = iface.name.replace(/\(.*?\)/g, "").replace(/[^A-Za-z0-9]/g, "");
  const idField = Object.keys(entity.fields)[0];
  const fields = Object.entries(entity.fields).map(([name, type], i) => {
    const protoType = type === "strings" || type === "lines" ? "repeated string" : (PROTO[type] ?? "string");
    return `  ${protoType} ${snake(name)} = ${i + 1};`;
  });
  return `syntax = "proto3";

// ${iface.description}
package interchange.${system.slug.replace(/-/g, "_")}.v1;

service ${service} {
  rpc Get${entity.title}(Get${entity.title}Request) returns (${entity.title});
  rpc Watch${entity.title}(Get${entity.title}Request) returns (stream ${entity.title});
}

message Get${entity.title}Request {
  string ${snake(idField)} = 1;
}

message ${entity.title} {
${fields.join("\n")}
}
`;
}

const GRAPHQL: Partial<Record<FieldType, string>> = { int: "Int", number: "Float", bool: "Boolean", strings: "[String!]", uuid: "ID" };

export function graphqlDocument({ iface, entity }: SpecInput): string {
  const idField = Object.keys(entity.fields)[0];
  const fields = Object.entries(entity.fields).map(([name, type]) => {
    if (type === "lines") return `  ${name}: [Line!]!`;
    if (type === "address") return `  ${name}: Address`;
    return `  ${name}: ${name === idField ? "ID!" : (GRAPHQL[type] ?? "String")}`;
  });
  const extras = [
    Object.values(entity.fields).includes("lines") ? "type Line {\n  sku: String!\n  quantity: Int!\n  unitPrice: String!\n}\n" : "",
    Object.values(entity.fields).includes("address") ? "type Address {\n  street: String!\n  postalCode: String!\n  city: String!\n  country: String!\n}\n" : "",
  ].join("");
  const plural = `${camel(entity.title)}s`;
  return `"""${iface.description}"""
type Query {
  ${camel(entity.title)}(${idField}: ID!): ${entity.title}
  ${plural}(first: Int = 20, after: String): ${entity.title}Connection!
}

type ${entity.title}Connection {
  nodes: [${entity.title}!]!
  endCursor: String
  hasNextPage: Boolean!
}

type ${entity.title} {
${fields.join("\n")}
}
${extras ? `\n${extras}` : ""}`;
}

/** A header row and one example row: what teams actually hand over as the "spec" of a batch file. */
export function csvDocument({ entity, slug }: SpecInput): string {
  const example = entityExample(entity, slug);
  const header = Object.keys(entity.fields);
  const cell = (value: JsonValue) => {
    const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
    return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${header.join(";")}\n${header.map((h) => cell(example[h])).join(";")}\n`;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
