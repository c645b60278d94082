// Limits keyed by client address believe X-Forwarded-For only from the proxies TRUSTED_PROXIES
// names. By default no one is trusted: a client cannot pick its own address by sending the header.
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../server/config.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';

const LOG_IN = 'mutation { logIn(username: "nobody", password: "wrong password") { token } }';

async function attempt(url: string, forwardedFor: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: LOG_IN }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code;
}

/** Limits count per wall-clock minute: start a test well inside one. */
async function awayFromMinuteBoundary() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('TRUSTED_PROXIES unset', () => {
  const ctx = setupApp({ rateLimits: { authAttemptsPerMinute: 2 } });
  const http = serveOverHttp(() => ctx.app);

  it('ignores X-Forwarded-For: every attempt from this socket address shares one budget', async () => {
    await awayFromMinuteBoundary();
    const codes = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      codes.push(await attempt(http.url(), address));
    }
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
  });
});

describe('TRUSTED_PROXIES=loopback', () => {
  const ctx = setupApp({ rateLimits: { authAttemptsPerMinute: 2 }, trustedProxies: 'loopback' });
  const http = serveOverHttp(() => ctx.app);

  it('gives each client named by the proxy a budget of its own', async () => {
    await awayFromMinuteBoundary();
    const codes = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.1', '198.51.100.1']) {
      codes.push(await attempt(http.url(), address));
    }
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'RATE_LIMITED',
    ]);
  });

  it('takes the address the trusted proxy saw, not one the client wrote before it', async () => {
    await awayFromMinuteBoundary();
    // The client sent "X-Forwarded-For: <anything>"; the proxy appended the address it saw.
    const codes = [];
    for (const spoofed of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      codes.push(await attempt(http.url(), `${spoofed}, 198.51.100.7`));
    }
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
  });
});

describe('TRUSTED_PROXIES values', () => {
  const trust = (value: string) => loadConfig({ TRUSTED_PROXIES: value }).trustedProxies;

  it('accepts addresses, CIDR ranges, proxy-addr names and a hop count', () => {
    expect(trust('')('127.0.0.1', 0)).toBe(false);
    expect(trust('10.0.0.0/8, 192.168.1.1')('10.1.2.3', 0)).toBe(true);
    expect(trust('10.0.0.0/8, 192.168.1.1')('192.168.1.2', 0)).toBe(false);
    expect(trust('loopback')('::1', 0)).toBe(true);
    expect(trust('2')('203.0.113.1', 1)).toBe(true);
    expect(trust('2')('203.0.113.1', 2)).toBe(false);
  });

  it('refuses anything else at start-up, naming the variable', () => {
    expect(() => trust('10.0.0.0/33')).toThrow(/TRUSTED_PROXIES/);
    expect(() => trust('proxy.example')).toThrow(/TRUSTED_PROXIES/);
  });
});
