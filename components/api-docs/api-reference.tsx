"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useTheme } from "next-themes";

/** The portal's own OpenAPI document, rendered by Scalar, following the portal's theme; no external fonts or calls. */
export function ApiReference() {
  const { resolvedTheme } = useTheme();
  return (
    <div className="overflow-hidden rounded-lg border" data-third-party="scalar">
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          hideClientButton: true,
          forceDarkModeState: resolvedTheme === "dark" ? "dark" : "light",
          hideDarkModeToggle: true,
          telemetry: false,
          showDeveloperTools: "never",
          // The AI agent and the request proxy call Scalar's servers; the portal never sends its API description out.
          agent: { disabled: true },
        }}
      />
    </div>
  );
}
