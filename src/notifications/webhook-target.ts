import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

// Where a webhook may connect. Only public unicast addresses, unless the address lies in one of the
// configured networks (WEBHOOK_ALLOWED_NETWORKS): loopback, private, link-local (169.254.169.254,
// the cloud metadata service), unique-local, CGNAT, multicast and reserved ranges are refused.
export class WebhookTargetPolicy {
  private readonly allowed: Cidr[];

  constructor(allowedNetworks: string[]) {
    this.allowed = allowedNetworks.map((network) => ipaddr.parseCIDR(network));
  }

  // Why `address` may not be reached, or null when it may.
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return `${address} 不是有效的 IP 地址`;
    const parsed = ipaddr.process(address); // ::ffff:127.0.0.1 is 127.0.0.1
    const range = parsed.range();
    if (range === 'unicast') return null;
    if (
      this.allowed.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits))
    )
      return null;
    return `目标地址 ${address} 属于本机、内网或保留网段（${range}），未在 WEBHOOK_ALLOWED_NETWORKS 中放行`;
  }

  // A dns.lookup for http.request: every resolved address is checked before the socket connects,
  // so a name that resolves (or re-resolves) to an internal address is refused too.
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map((entry) => this.refusal(entry.address)).find((reason) => reason !== null);
      if (refused) return callback(Object.assign(new Error(refused), { code: 'EWEBHOOKTARGET' }), '');
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

  // For a URL whose host is an IP literal (no lookup happens for those) and for the admin's PUT.
  refusalForUrl(url: URL): string | null {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return this.refusal(host);
    if (host === 'localhost' || host.endsWith('.localhost')) return this.refusal('127.0.0.1');
    return null;
  }
}
