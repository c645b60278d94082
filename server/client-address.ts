// Who the client is, for limits keyed by address. Behind a reverse proxy every connection comes
// from the proxy, which names the client in X-Forwarded-For; anyone can send that header, so it is
// believed only from the peers TRUSTED_PROXIES names (proxy-addr, as Express's "trust proxy").
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether the peer at `hop` (0: the socket's, then right to left in X-Forwarded-For) is trusted. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUSTED_PROXIES: empty (trust no one: the socket's address is the client), a number of proxy
 * hops in front of the server, or a comma-separated list of addresses and CIDR ranges (and
 * proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 */
export function parseTrustedProxies(value: string): TrustProxy {
  const text = value.trim();
  if (text === '') return () => false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(text.split(',').map((entry) => entry.trim()));
}

/** The client's address; `local` for a request that did not come over a socket (yoga.fetch). */
export function clientAddress(req: IncomingMessage | undefined, trust: TrustProxy): string {
  if (!req?.socket) return 'local';
  return proxyAddr(req, trust) ?? 'local';
}
