"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import type { ComponentProps } from "react";
import "@scalar/api-reference-react/style.css";

/** Scalar's renderer and its stylesheet, imported only by the lazily loaded chunk of the API reference page. */
export function ScalarRenderer(props: ComponentProps<typeof ApiReferenceReact>) {
  return <ApiReferenceReact {...props} />;
}
