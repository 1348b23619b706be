import { type NextRequest, NextResponse } from "next/server";

/** Builds the page CSP: scripts only from this origin or carrying this request's nonce; no framing. */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (graph and chart libraries position elements with them) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : crypto.randomUUID();
  const csp = contentSecurityPolicy(nonce);

  // Next reads the nonce for its own scripts from the request's CSP header.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", csp);
  // The forbidden page names the reason for the page that refused (components/shell/forbidden-reasons.ts).
  headers.set("x-pathname", request.nextUrl.pathname);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Pages only; API responses get their headers from next.config.ts and lib/api.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
