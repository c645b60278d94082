// Sends GraphQL requests through the real Yoga app in-process (yoga.fetch: no port needed), or to
// a running server over HTTP.
import type { App } from '../../server/yoga.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export async function graphql<T = any>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The data of a request that must succeed; fails the test with the errors otherwise. */
export async function data<T = any>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const result = await graphql<T>(app, query, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

/** The data of a request to a running server over HTTP (`npm start`'s process); throws on errors.
 *  Bounded in time, so that a server that does not answer fails the test clearly. */
export async function dataOverHttp<T = any>(
  url: string,
  query: string,
  variables?: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(5_000),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}
