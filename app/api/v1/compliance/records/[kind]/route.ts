import { z } from "zod";
import { route } from "@/lib/api/route";
import { createRecord, listRecords } from "@/lib/compliance/records/data";
import { RecordParams } from "@/lib/compliance/records/schemas";

export const GET = route({ params: RecordParams }, async ({ ctx, params }) => ({ items: await listRecords(ctx, params.kind) }));

// Each kind has its own schema; createRecord validates the body against it.
export const POST = route({ params: RecordParams, body: z.unknown(), status: 201 }, ({ ctx, params, body }) => createRecord(ctx, params.kind, body));
