// Webhook URLs are user input the server will call: refuse loopback, private, link-local and other
// non-public addresses (SSRF), both for IP literals and for every address a host name resolves to.
// WEBHOOK_ALLOW_PRIVATE=1 lifts the rule for tests and closed networks.
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Two lists: BlockList matches IPv4 addresses against IPv4-mapped IPv6 subnets, which would block everything.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) {
  blocked6.addSubnet(net, prefix, "ipv6");
}

export function allowPrivate(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE === "1";
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !blocked4.check(address, "ipv4");
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:xxxx:xxxx) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (mapped) {
    const v4 = mapped[1] ?? [parseInt(mapped[2], 16) >> 8, parseInt(mapped[2], 16) & 255, parseInt(mapped[3], 16) >> 8, parseInt(mapped[3], 16) & 255].join(".");
    return isPublicAddress(v4);
  }
  return !blocked6.check(address, "ipv6");
}

/** A reason the URL may not be called, judged from its text alone (scheme, credentials, IP literal, local names). */
export function urlRefusal(raw: string, env: NodeJS.ProcessEnv = process.env): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a valid URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "only http and https URLs are allowed";
  if (url.username || url.password) return "credentials in the URL are not allowed; the payload is signed instead";
  if (allowPrivate(env)) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is a private or loopback address`;
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal") || !host.includes(".")) {
    return `${host} is not a public host name`;
  }
  return null;
}

/** Resolves a host name to all its addresses (node:dns by default; tests inject their own). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true });

/**
 * A `lookup` for node:http(s) `request`: resolves the host at connect time and refuses it when any address is
 * not public, so the address checked is the address connected to (no DNS rebinding between check and use).
 * WEBHOOK_ALLOW_PRIVATE=1 lifts the rule.
 */
export function guardedLookup(env: NodeJS.ProcessEnv = process.env, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const bad = allowPrivate(env) ? undefined : found.find((a) => !isPublicAddress(a.address));
        if (bad) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, a private or loopback address`);
          error.code = "EPRIVATEADDRESS";
          return callback(error, "", 0);
        }
        const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} does not resolve`);
          error.code = "ENOTFOUND";
          return callback(error, "", 0);
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
