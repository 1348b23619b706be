// What writing an imported interface costs in proportion to its document, done where the document was parsed (on the
// worker pool, lib/workers/parse-worker.mjs) instead of on the thread that answers requests: the spec's NUL-free text
// and hash, element counts, the search text, and the elements themselves as JSON text in batches. Handing 60,000
// element objects of a 19 MB spec back to the request thread cost seconds of structured-clone deserialisation in one
// go; strings cross the thread boundary as bytes, and persist.ts parses and writes one batch at a time, yielding to
// other requests between batches.
import { buildSearchText } from "@/lib/catalog/search-text";
import type { ParsedImportSet } from "./import-set";
import type { ImportedDocument, ImportedElement, ImportedInterface, PreparedInterface } from "./model";
import { countElements, specHashOf } from "./persist-rules";

// A batch's elements are written with one statement per table; these bounds keep each statement (and the request
// thread's share of it: rows, parameters) to a few milliseconds.
const BATCH_ELEMENTS = 250;
const BATCH_FIELDS = 1000;

/** The elements in batches of at most BATCH_ELEMENTS elements and (unless one element has more) BATCH_FIELDS fields. */
export function elementBatchesOf(elements: readonly ImportedElement[]): ImportedElement[][] {
  const batches: ImportedElement[][] = [];
  let current: ImportedElement[] = [];
  let fields = 0;
  for (const element of elements) {
    if (current.length && (current.length >= BATCH_ELEMENTS || fields + element.fields.length > BATCH_FIELDS)) {
      batches.push(current);
      current = [];
      fields = 0;
    }
    current.push(element);
    fields += element.fields.length;
  }
  if (current.length) batches.push(current);
  return batches;
}

export const stripNul = (spec: string) => (spec.includes("\u0000") ? spec.replace(/\u0000/g, "") : spec);

export function interfaceSearchText(imported: Pick<ImportedInterface, "name" | "description" | "tags" | "elements">): string {
  const elements = imported.elements;
  return buildSearchText({ name: imported.name, description: imported.description, tags: imported.tags, elements, fieldNames: elements.flatMap((e) => e.fields.map((f) => f.name)) });
}

/** The interface as the worker hands it back: elements only as JSON batches in `prepared`. */
export function prepareInterface(imported: ImportedInterface): ImportedInterface {
  const spec = stripNul(imported.spec);
  const prepared: PreparedInterface = {
    specHash: specHashOf(spec),
    ...countElements(imported.elements),
    searchText: interfaceSearchText(imported),
    elementBatches: elementBatchesOf(imported.elements).map((batch) => JSON.stringify(batch)),
  };
  return { ...imported, spec, elements: [], prepared };
}

const prepareDocument = (doc: ImportedDocument): ImportedDocument => ({ ...doc, interfaces: doc.interfaces.map(prepareInterface) });

export function prepareParsedSet(set: ParsedImportSet): ParsedImportSet {
  return {
    files: set.files.map((file) => (file.status === "document" ? { ...file, documents: file.documents.map(prepareDocument) } : file)),
    ...(set.catalog ? { catalog: prepareDocument(set.catalog) } : {}),
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The interface's elements batch by batch, prepared or not; between batches other requests get the thread. Elements
 * that came back as JSON are plain JSON values already (`json`).
 */
export async function* elementBatches(imported: ImportedInterface): AsyncGenerator<{ elements: ImportedElement[]; json: boolean }> {
  if (imported.prepared) {
    for (const [i, batch] of imported.prepared.elementBatches.entries()) {
      if (i > 0) await yieldToOthers();
      yield { elements: JSON.parse(batch) as ImportedElement[], json: true };
    }
    return;
  }
  for (const [i, batch] of elementBatchesOf(imported.elements).entries()) {
    if (i > 0) await yieldToOthers();
    yield { elements: batch, json: false };
  }
}
