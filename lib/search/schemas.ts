import { z } from "zod";

export const SEARCH_KINDS = ["domain", "system", "interface", "flow", "contract", "field"] as const;

export const GlobalSearchQuery = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(100),
  limit: z.coerce.number().int().min(1).max(20).default(6),
});
export type GlobalSearchQuery = z.infer<typeof GlobalSearchQuery>;

export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  href: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const GlobalSearchResult = z.object({ q: z.string(), hits: z.array(SearchHit) }).meta({ id: "GlobalSearchResult" });
export type GlobalSearchResult = z.infer<typeof GlobalSearchResult>;
