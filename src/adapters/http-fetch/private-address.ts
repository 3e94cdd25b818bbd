import { BlockList, isIP } from 'node:net';

// Addresses a server-side fetch must never reach: the machine itself, the networks behind it,
// and ranges that are not one public host. A URL in an article body is chosen by whoever wrote
// the article (or whoever wrote the page they pasted from), so without this check "fetch the
// image" would be "let any author probe our loopback, the cloud metadata service at
// 169.254.169.254, or the database on 10.0.0.5".

const refused = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
] as const) {
  refused.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated), would carry an IPv4 address
  ['100::', 64], // discard
  ['2001::', 32], // Teredo tunnels carry an IPv4 address we cannot check
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 tunnels, the same
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  refused.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(address);
  if (!match) return null;
  const tail = match[1]!;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * True when `address` (an IP literal, as DNS answers it) is anything but a public unicast host.
 * Something that is not an IP address at all counts as private: refuse what we cannot classify.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return refused.check(bare, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(bare);
  if (v4 !== null) return refused.check(v4, 'ipv4');
  // Any other address in the mapped and NAT64 prefixes is malformed: refuse it.
  if (/^(::ffff:|64:ff9b:)/i.test(bare)) return true;
  return refused.check(bare, 'ipv6');
}

/**
 * The rule for a fetcher: private addresses refused, except those listed (comma-separated IPs).
 * Only tests list any (REMOTE_FETCH_ALLOW_ADDRESSES), for a stand-in server on 127.0.0.1.
 */
export function refusedAddresses(allowed: string): (address: string) => boolean {
  const exceptions = new Set(
    allowed
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  );
  return (address) => !exceptions.has(address) && isPrivateAddress(address);
}
