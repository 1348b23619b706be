import { z } from "zod";

// The CLI and the upload UI send at most this many files per request; a folder goes in several batches.
export const MAX_FILES_PER_REQUEST = 500;

export const ImportFileInput = z.object({
  name: z.string().min(1).max(1024).describe("Path relative to where the import runs, e.g. specs/payments/openapi.yaml; catalog-as-code sync identifies files by it"),
  content: z.string().describe("The document text (YAML or JSON)"),
});
export type ImportFileInput = z.infer<typeof ImportFileInput>;

const Slug = z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, "Use a slug: lowercase letters, digits and dashes");

export const ImportRequest = z.object({
  files: z.array(ImportFileInput).min(1, "Send at least one file").max(MAX_FILES_PER_REQUEST),
  sync: z
    .string()
    .max(1024)
    .optional()
    .describe("Catalog-as-code: the synced folder. Interfaces imported from files under it that are not present are marked RETIRED (never deleted)"),
  present: z
    .array(z.string().max(1024))
    .max(100_000)
    .optional()
    .describe("With sync, when a folder is sent in several requests: every file name under the folder (send it with the last batch). Defaults to this request's file names"),
  team: Slug.optional().describe("Owner team (slug) of documents that name none"),
  system: Slug.optional().describe("Providing system (slug) of documents that name none, instead of a system named after each API; created when missing"),
  domain: Slug.optional().describe("Domain (slug) of documents that name none"),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportStatus = z.enum(["created", "updated", "unchanged"]);

export const ImportedInterfaceDto = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(["API", "EVENT", "FILE", "DATABASE"]),
  version: z.string().describe("The stored version label: the document's info.version, suffixed +2, +3... when that label already exists"),
  operations: z.number().int(),
  channels: z.number().int(),
  status: ImportStatus,
});
export type ImportedInterfaceDto = z.infer<typeof ImportedInterfaceDto>;

export const ImportFileResult = z.object({
  file: z.string(),
  ok: z.boolean(),
  error: z.string().optional().describe("Why the file was rejected, with its line or JSON pointer; nothing from it was written"),
  interfaces: z.array(ImportedInterfaceDto),
  warnings: z.array(z.string()).optional(),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const RetiredInterfaceDto = z.object({ id: z.string().uuid(), name: z.string(), sourcePath: z.string() });

export const ImportResponse = z.object({
  results: z.array(ImportFileResult),
  retired: z.array(RetiredInterfaceDto).describe("With sync: interfaces marked RETIRED because their file is gone"),
  retireError: z.string().optional().describe("With sync: why nothing was retired (e.g. one of them belongs to another team); the files were still imported"),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
