import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi";
import {
  ArrangementInput,
  BusinessFunctionInput,
  DeriveResult,
  IctProviderInput,
  IctServiceInput,
  LegalEntityInput,
  ProcessingActivityInput,
  RecordDto,
  RecordIdParams,
  RecordList,
  RecordParams,
} from "./schemas";

const tags = ["Compliance records"];
const RecordInput = z
  .union([LegalEntityInput, IctProviderInput, ArrangementInput, IctServiceInput, BusinessFunctionInput, ProcessingActivityInput])
  .describe("The schema of the kind in the path: entities, providers, arrangements, services, functions or activities");

/** DORA register and GDPR Art. 30 records: read with compliance.read, change with compliance.manage (audited). */
export const recordEndpoints: Endpoint[] = [
  { method: "get", path: "/api/v1/compliance/records/{kind}", tags, summary: "Records of one kind; services and processing activities include what the catalog derives (countries, sensitiveness, categories, subjects, recipients, transfers)", request: { params: RecordParams }, ok: { status: 200, schema: RecordList, description: "The records" }, errors: [401, 403, 422] },
  { method: "post", path: "/api/v1/compliance/records/{kind}", tags, summary: "Create a record", request: { params: RecordParams }, body: RecordInput, ok: { status: 201, schema: RecordDto, description: "The created record" }, errors: [400, 401, 403, 409, 415, 422] },
  { method: "get", path: "/api/v1/compliance/records/{kind}/{id}", tags, summary: "One record", request: { params: RecordIdParams }, ok: { status: 200, schema: RecordDto, description: "The record" }, errors: [401, 403, 404, 422] },
  { method: "put", path: "/api/v1/compliance/records/{kind}/{id}", tags, summary: "Replace a record's fields", request: { params: RecordIdParams }, body: RecordInput, ok: { status: 200, schema: RecordDto, description: "The updated record" }, errors: [400, 401, 403, 404, 409, 415, 422] },
  { method: "delete", path: "/api/v1/compliance/records/{kind}/{id}", tags, summary: "Delete a record (refused while other records refer to it)", request: { params: RecordIdParams }, ok: { status: 204, description: "Deleted" }, errors: [401, 403, 404, 409, 422] },
  { method: "post", path: "/api/v1/compliance/records/fill", tags, summary: "Create an ICT provider per vendor of SaaS and third-party systems, and an ICT service per such system, where missing", ok: { status: 200, schema: DeriveResult, description: "How many were created" }, errors: [401, 403] },
];
