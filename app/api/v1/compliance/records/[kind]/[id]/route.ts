import { z } from "zod";
import { route } from "@/lib/api/route";
import { deleteRecord, getRecord, updateRecord } from "@/lib/compliance/records/data";
import { RecordIdParams } from "@/lib/compliance/records/schemas";

export const GET = route({ params: RecordIdParams }, ({ ctx, params }) => getRecord(ctx, params.kind, params.id));

// A full replacement of the record's fields, validated against its kind's schema.
export const PUT = route({ params: RecordIdParams, body: z.unknown() }, ({ ctx, params, body }) => updateRecord(ctx, params.kind, params.id, body));

export const DELETE = route({ params: RecordIdParams }, ({ ctx, params }) => deleteRecord(ctx, params.kind, params.id));
