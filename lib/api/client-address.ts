import { randomUUID } from "node:crypto";
import http from "node:http";
import { BlockList, isIP } from "node:net";

// Next copies the socket address into X-Forwarded-For only when the client sent none, so behind no proxy a
// client could choose its own address. The server therefore stamps each request with the socket's address under
// a header that carries a per-process secret, which no client can forge.
const PEER_HEADER = "x-interchange-peer";
const holder = globalThis as typeof globalThis & { __interchangePeerSecret?: string };

/** Installed once at server start (instrumentation.ts): every HTTP request gets the peer header, overwriting any sent. */
export function installPeerStamp(): void {
  if (holder.__interchangePeerSecret) return;
  const secret = randomUUID();
  holder.__interchangePeerSecret = secret;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = `${secret} ${request.socket?.remoteAddress ?? "unknown"}`;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

type HeaderSource = { get(name: string): string | null };

function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges of the load balancers in front of the portal. */
export function trustedProxies(value = process.env.TRUSTED_PROXIES ?? ""): BlockList {
  const list = new BlockList();
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

let cached: { value: string; list: BlockList } | undefined;
function currentProxies(): BlockList {
  const value = process.env.TRUSTED_PROXIES ?? "";
  if (cached?.value !== value) cached = { value, list: trustedProxies(value) };
  return cached.list;
}

/**
 * The client's real address: the socket's peer, unless that peer is a trusted proxy, in which case X-Forwarded-For
 * is walked from the right past every trusted proxy. Forwarding headers from anyone else are ignored.
 */
export function clientAddressFrom(headers: HeaderSource, proxies: BlockList = currentProxies()): string {
  const stamped = headers.get(PEER_HEADER);
  const secret = holder.__interchangePeerSecret;
  const peer = stamped && secret && stamped.startsWith(`${secret} `) ? normalize(stamped.slice(secret.length + 1)) : undefined;
  if (!peer) return "unknown";
  if (!isTrusted(proxies, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(proxies, hops[i])) return isIP(hops[i]) ? hops[i] : "unknown";
  }
  return hops[0] ?? peer;
}

/** For tests: stamps headers the way the server does. */
export function stampPeerForTest(headers: Headers, address: string): void {
  holder.__interchangePeerSecret ??= randomUUID();
  headers.set(PEER_HEADER, `${holder.__interchangePeerSecret} ${address}`);
}
