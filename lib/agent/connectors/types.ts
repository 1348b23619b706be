import type { ConnectorStatus } from "../transport";
import type { Reading, Window } from "../window";

/** A connector reads one kind of middleware and turns what it sees into per-flow readings for each window. */
export type Connector = {
  readonly name: string;
  readonly kind: string;
  /**
   * Readings for the window that just ended. A target that could not be read is left out (the portal then
   * sees no data for that flow), never reported as zeros; the first window after a (re)start only sets the
   * baseline for counters.
   */
  collect(window: Window, now: number): Promise<Reading[]>;
  /**
   * True when collect() can read any past window (it keeps no counters, e.g. an outbox queried by timestamp): after a
   * restart the agent asks it for the windows it missed while it was down.
   */
  readonly readsPastWindows?: boolean;
  status(): ConnectorStatus;
  close(): Promise<void>;
};

/**
 * A URL without what may be secret: userinfo (user:password@), query string (tokens, signatures) and fragment.
 * Text that is not an absolute URL is returned unchanged.
 */
export function redactUrl(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target;
  }
  if (!url.host) return target;
  return `${url.protocol}//${url.host}${url.pathname === "/" && !target.replace(/[?#].*$/, "").endsWith("/") ? "" : url.pathname}`;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** Every URL in a text (an error message, say) with its userinfo, query string and fragment removed. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => redactUrl(match));
}

/**
 * Tracks per-target errors of the last collection for the heartbeat. Heartbeats are shown in the portal, so targets
 * and messages are stripped of credentials and query strings.
 */
export class StatusTracker {
  private readonly errors = new Map<string, string>();
  constructor(
    private readonly name: string,
    private readonly kind: string,
  ) {}

  ok(target: string) {
    this.errors.delete(target);
  }

  fail(target: string, error: unknown) {
    this.errors.set(target, redactUrls(`${redactUrl(target)}: ${error instanceof Error ? error.message : String(error)}`));
  }

  status(): ConnectorStatus {
    const errors = [...this.errors.values()];
    return errors.length === 0
      ? { name: this.name, kind: this.kind, status: "OK" }
      : { name: this.name, kind: this.kind, status: "ERROR", error: errors.join("; ").slice(0, 1000) };
  }
}
