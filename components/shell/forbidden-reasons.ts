/**
 * Why a page refused, by its path: `forbidden()` takes no arguments, so the forbidden page looks the reason up
 * from the path proxy.ts passes along (x-pathname). Pages not listed get the general explanation.
 */
export type ForbiddenReason = { title?: string; description: string };

const REASONS: { path: RegExp; reason: ForbiddenReason }[] = [
  {
    path: /^\/catalog\/import\/?$/,
    reason: { description: "Importing specs is for architects, admins and members of the team that owns the interfaces." },
  },
  {
    path: /^\/contracts\/new\/?$/,
    reason: { description: "Only members of the team that owns this interface propose its contract." },
  },
  {
    path: /^\/contracts\/[^/]+\/edit\/?$/,
    reason: { title: "This version cannot be edited", description: "Only drafts are edited, by the team that owns the interface." },
  },
];

export function forbiddenReason(pathname: string | null): ForbiddenReason | undefined {
  if (!pathname) return undefined;
  return REASONS.find((r) => r.path.test(pathname))?.reason;
}
