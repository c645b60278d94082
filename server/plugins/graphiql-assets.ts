// Serves GraphiQL's assets (server/graphiql/assets.ts) under /graphql/assets/, gzipped for browsers
// that accept it. Their names change with their content, so browsers keep them for good.
import type { Plugin } from 'graphql-yoga';
import { ASSETS_PATH, graphiqlAssets } from '../graphiql/assets.js';

export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !url.pathname.startsWith(ASSETS_PATH)) return;
      return graphiqlAssets().then(async ({ byPath }) => {
        const asset = byPath.get(url.pathname);
        if (!asset) return endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
        const headers: Record<string, string> = {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          vary: 'accept-encoding',
        };
        if (gzip) headers['content-encoding'] = 'gzip';
        endResponse(new fetchAPI.Response(gzip ? await asset.gzipped() : asset.body, { headers }));
      });
    },
  };
}
