import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses an endpoint may not reach unless WEBHOOK_ALLOW_PRIVATE: loopback, private, link-local, unique-local and the like. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 (embeds an IPv4 address)
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one a webhook must not be sent to (IPv4-mapped IPv6 is judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

export class EndpointUrlError extends Error {}

/** The URL's own problems (not its addresses): http(s) only, a host, no credentials. */
export function endpointUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (!url.hostname) return 'url must name a host';
  return null;
}

/** The host of a URL as DNS and isIP want it (IPv6 literals without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the URL's host and refuses it when any address is private (unless allowed): checked when
 * an endpoint is saved and, through `guardedLookup`, again on every delivery after DNS resolution.
 */
export async function assertPublicEndpoint(raw: string, allowPrivate: boolean): Promise<void> {
  const problem = endpointUrlProblem(raw);
  if (problem) throw new EndpointUrlError(problem);
  if (allowPrivate) return;
  const host = hostOf(new URL(raw));
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (r) => r.map((a) => a.address),
        () => {
          throw new EndpointUrlError(`url host ${host} does not resolve`);
        },
      );
  if (!addresses.length || addresses.some(isPrivateAddress))
    throw new EndpointUrlError('url resolves to a private, loopback or link-local address');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
interface LookupAddress {
  address: string;
  family: number;
}

/**
 * A `lookup` for http(s).request that resolves like the default and fails the connection when the
 * answer is a private address — the check happens on the address actually connected to, so a DNS
 * answer that changed since the endpoint was saved (rebinding) is caught.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    lookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }).then(
      (addresses) => {
        const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
        if (!allowed.length || allowed.length !== addresses.length) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address; refused`);
          err.code = 'EPRIVATEADDRESS';
          callback(err, '', 0);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, allowed[0].address, allowed[0].family);
      },
      (e: NodeJS.ErrnoException) => callback(e, '', 0),
    );
  };
}
