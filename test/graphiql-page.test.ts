// GraphiQL is served whole by this server, with no CDN: the page names no other host, and every
// script, stylesheet, worker and icon it references is answered here with its type. Its sample
// operations fit the schema and find data. (graphiql-browser.test.ts runs it in Chromium.)
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { parse, validate } from 'graphql';
import { schema } from '../schema/index.js';
import { sampleTabs } from '../server/graphiql/sample-tabs.js';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const page = async () => {
  const response = await ctx.app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
};

/** What the page loads: src and href attributes, and the Monaco worker paths in its script. */
function references(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  const workers = JSON.parse(/const workers = (\{[^}]*\})/.exec(html)![1]!) as Record<string, string>;
  return [...attributes, ...Object.values(workers)];
}

const TYPES: Record<string, RegExp> = {
  js: /^text\/javascript; charset=utf-8$/,
  css: /^text\/css; charset=utf-8$/,
  ico: /^image\/x-icon$/,
};

describe('the GraphiQL page', () => {
  it('names no other host: everything it loads is a path on this server', async () => {
    const { status, type, html } = await page();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/html/);
    expect(html).toContain('<title>PaperGraph</title>');
    expect(html).not.toMatch(/https?:|\/\/[a-z0-9]/i);
    const loaded = references(html);
    expect(loaded).toHaveLength(6); // icon, stylesheet, script, three workers
    for (const path of loaded) expect(path).toMatch(/^\/graphql\/assets\/[\w.-]+$/);
  });

  it('serves every asset it references, with its type, for good, gzipped when asked', async () => {
    for (const path of references((await page()).html)) {
      const plain = await ctx.app.fetch(`http://localhost${path}`);
      expect({ path, status: plain.status }).toEqual({ path, status: 200 });
      expect(plain.headers.get('content-type')).toMatch(TYPES[path.split('.').pop()!]!);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const body = Buffer.from(await plain.arrayBuffer());
      expect(body.length).toBeGreaterThan(1_000);

      const zipped = await ctx.app.fetch(`http://localhost${path}`, {
        headers: { 'accept-encoding': 'gzip, deflate' },
      });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).equals(body)).toBe(true);
    }
  });

  it("takes its fonts and images from its own stylesheet, not from another host's", async () => {
    const stylesheet = references((await page()).html).find((path) => path.endsWith('.css'))!;
    const css = await (await ctx.app.fetch(`http://localhost${stylesheet}`)).text();
    const urls = [...css.matchAll(/url\(\s*['"]?([^'")]*)/g)].map((m) => m[1]!);
    expect(urls.filter((url) => url.startsWith('data:')).length).toBeGreaterThan(10);
    expect(urls.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
    expect(css).not.toMatch(/@import/);
  });

  it('answers 404 for an asset it does not have', async () => {
    const response = await ctx.app.fetch('http://localhost/graphql/assets/graphiql.000000000000.js');
    expect(response.status).toBe(404);
  });
});

describe('the sample operations GraphiQL opens with', () => {
  const documents = sampleTabs.map((tab) => parse(tab.query));
  const named = (name: string) => sampleTabs.find((tab) => tab.query.includes(` ${name} {`))!.query;

  it('are a feed, one paper, a search, a subscription and an account, each valid', () => {
    const operations = documents.map((document) =>
      document.definitions.map((d) =>
        d.kind === 'OperationDefinition' ? `${d.operation} ${d.name?.value}` : '',
      ),
    );
    expect(operations).toEqual([
      ['query Feed'],
      ['query Paper'],
      ['query Search'],
      ['subscription NewPapers'],
      ['mutation SignUp', 'mutation LogIn', 'query Viewer', 'mutation Upvote', 'mutation SubmitPaper'],
    ]);
    for (const document of documents) expect(validate(schema, document)).toEqual([]);
  });

  it('find something in the seed data', async () => {
    const feed = await data(ctx.app, named('Feed'));
    expect(feed.papers.edges).toHaveLength(5);
    const paper = await data(ctx.app, named('Paper'));
    expect(paper.paper.title).toEqual(expect.any(String));
    expect(paper.paper.similar.length).toBeGreaterThan(0);
    const search = await data(ctx.app, named('Search'));
    expect(search.search.edges.length).toBeGreaterThan(0);
    expect(search.search.approximate).toBe(false);
  });
});
