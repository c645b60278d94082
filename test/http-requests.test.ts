// Unusable HTTP requests get a 400-class answer with a code, never a 500, an echo of the body, or
// a stream the client did not ask for.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const http = serveOverHttp(() => ctx.app);

async function send(path: string, init: RequestInit = {}) {
  const response = await ctx.app.fetch(`http://localhost${path}`, init);
  return { status: response.status, text: await response.text() };
}

const post = (body: string) =>
  send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('unusable requests', () => {
  it('a body that is not JSON: 400, a fixed message, nothing of the body or the parser', async () => {
    const { status, text } = await post('{"query": "{ __typename }", "password": hunter2');
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('GET with variables or extensions that are not JSON: 400 with a code, not 500', async () => {
    for (const parameter of ['variables', 'extensions']) {
      const { status, text } = await send(`/graphql?query=%7B__typename%7D&${parameter}=%7Bbad`, {
        headers: { accept: 'application/json' },
      });
      expect(status).toBe(400);
      expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    }
  });

  it('variables nested deeper than any input: 400 before they are coerced (it recurses)', async () => {
    const query = 'query($ids: [String!]!) { papersByArxivIds(arxivIds: $ids) { title } }';
    for (const ids of [
      '['.repeat(5_000) + ']'.repeat(5_000),
      '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000),
    ]) {
      const { status, text } = await post(
        `{"query": ${JSON.stringify(query)}, "variables": {"ids": ${ids}}}`,
      );
      expect(status).toBe(400);
      expect(JSON.parse(text).errors[0]).toEqual({
        message: '"variables" is nested more than 16 levels deep.',
        extensions: { code: 'BAD_REQUEST' },
      });
    }
    const get = await send(
      `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(`{"ids":${'['.repeat(3_000)}${']'.repeat(3_000)}}`)}`,
      { headers: { accept: 'application/json' } },
    );
    expect(get.status).toBe(400);
    // Ordinary nesting passes.
    const fine = await post(JSON.stringify({ query, variables: { ids: ['2507.14871'] } }));
    expect(JSON.parse(fine.text).data.papersByArxivIds[0].title).toBeTruthy();
  });

  it('a subscription POSTed without Accept: 406 at once, not an endless stream', async () => {
    const body = JSON.stringify({ query: 'subscription { paperAdded { id } }' });
    const before = ctx.events.subscriberCount();
    // node:http sends no Accept header unless told to (fetch always sends */*).
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        http.url(),
        { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 5_000 },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, text }));
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer within 5 s: a stream was opened')));
      request.on('error', reject);
      request.end(body);
    });
    expect(answer.status).toBe(406);
    expect(JSON.parse(answer.text).errors[0].extensions).toEqual({ code: 'NOT_ACCEPTABLE' });
    // The subscription did not stay behind.
    expect(ctx.events.subscriberCount()).toBe(before);
  });

  it('a subscription that accepts an event stream still gets one', async () => {
    const controller = new AbortController();
    const response = await fetch(http.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { paperAdded { id } }' }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });
});
