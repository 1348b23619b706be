"use client";

import dynamic from "next/dynamic";
import { useTheme } from "next-themes";
import { useEffect, useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { useOpenApiDocument } from "./queries";

// Scalar's renderer (a Vue app of several megabytes) loads in its own chunk after the page shell, while the
// document downloads beside it; the page answers at once and shows a placeholder until both are in.
const loadRenderer = () => import("./scalar-renderer").then((m) => m.ScalarRenderer);
const ApiReferenceReact = dynamic(loadRenderer, {
  ssr: false,
  loading: () => <Placeholder />,
});

function Placeholder() {
  return (
    <div className="grid gap-3 p-4" role="status" aria-label="Loading the API reference">
      <Skeleton className="h-6 w-1/3" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

/** The portal's own OpenAPI document, rendered by Scalar, following the portal's theme; no external fonts or calls. */
export function ApiReference() {
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
          }
        : null,
    [document.data, dark],
  );
  return (
    <div className="overflow-hidden rounded-lg border" data-third-party="scalar">
      {document.error ? (
        <Alert variant="destructive">{document.error.message}</Alert>
      ) : configuration ? (
        <ApiReferenceReact configuration={configuration} />
      ) : (
        <Placeholder />
      )}
    </div>
  );
}
