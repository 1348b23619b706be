"use client";

import dynamic from "next/dynamic";
import { useTheme } from "next-themes";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { useOpenApiDocument } from "./queries";

// Scalar's renderer (a Vue app of several megabytes) loads in its own chunk after the page shell, while the
// document downloads beside it; until it has rendered, the server-rendered index of operations stands in.
const loadRenderer = () => import("./scalar-renderer").then((m) => m.ScalarRenderer);
const ApiReferenceReact = dynamic(loadRenderer, { ssr: false });

/**
 * The portal's own OpenAPI document, rendered by Scalar, following the portal's theme; no external fonts or calls.
 * `index` (the server-rendered list of operations) shows until Scalar says it has loaded the document; should that
 * never come, both stay on the page rather than hiding the reference.
 */
export function ApiReference({ index }: { index: ReactNode }) {
  const [rendered, setRendered] = useState(false);
  const { resolvedTheme } = useTheme();
  const document = useOpenApiDocument();
  // Start the renderer's download now, not once the document is in: the two travel side by side.
  useEffect(() => void loadRenderer(), []);
  const dark = resolvedTheme === "dark";
  // One configuration object per document and theme: Scalar re-reads the whole document whenever it changes.
  const configuration = useMemo(
    () =>
      document.data
        ? {
            content: document.data,
            withDefaultFonts: false,
            hideClientButton: true,
            forceDarkModeState: dark ? ("dark" as const) : ("light" as const),
            hideDarkModeToggle: true,
            telemetry: false,
            showDeveloperTools: "never" as const,
            // The AI agent and the request proxy call Scalar's servers; the portal never sends its API description out.
            agent: { disabled: true },
            onLoaded: () => setRendered(true),
          }
        : null,
    [document.data, dark],
  );
  return (
    <div className="grid gap-4">
      {document.error ? <Alert variant="destructive">{document.error.message}</Alert> : null}
      {rendered ? null : <div className="rounded-lg border">{index}</div>}
      {configuration ? (
        <div className="overflow-hidden rounded-lg border" data-third-party="scalar">
          <ApiReferenceReact configuration={configuration} />
        </div>
      ) : null}
    </div>
  );
}
