"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a secret shown once (a token) to the clipboard, and says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied("yes"),
          () => setCopied("failed"),
        )
      }
    >
      {copied === "yes" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      {copied === "yes" ? "Copied" : copied === "failed" ? "Copy failed: select the text" : label}
    </Button>
  );
}
