"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { useState, type ReactNode } from "react";

// next-themes renders an inline <script> that sets the theme class before first paint. It only has to run from
// the server HTML; when React creates it on the client (a remount), React 19 warns that the script won't run.
// Marking the client copy as a data block keeps it inert and silences that false alarm (the element carries
// suppressHydrationWarning, so the differing type attribute is not a hydration error).
const clientScriptProps = typeof window === "undefined" ? undefined : ({ type: "application/json" } as const);

export type ProvidersProps = {
  children: ReactNode;
  /** CSP nonce for the theme script, from the x-nonce request header set by proxy.ts. */
  nonce?: string;
};

export function Providers({ children, nonce }: ProvidersProps) {
  // One client per browser tab (and per request on the server), never shared between users.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );

  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
      scriptProps={clientScriptProps}
    >
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ThemeProvider>
  );
}
