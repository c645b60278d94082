import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { PaperGraphError, type GraphQLErrorJson } from './errors.js';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const printed = new WeakMap<DocumentNode, string>();
/** The document's text, printed once. */
export function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** POSTs one operation; returns its data or throws a PaperGraphError. */
export async function post<Result, Variables>(
  fetchFn: Fetch,
  url: string,
  headers: Record<string, string>,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables | undefined,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body: JSON.stringify({ query: queryText(document), variables: variables ?? {} }),
    });
  } catch (cause) {
    throw new PaperGraphError(`Could not reach ${url}: ${(cause as Error).message}`, {
      code: 'NETWORK_ERROR',
      cause,
    });
  }
  let body: { data?: Result | null; errors?: GraphQLErrorJson[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (cause) {
    throw new PaperGraphError(`${url} answered HTTP ${response.status} without GraphQL JSON.`, {
      code: 'HTTP_ERROR',
      status: response.status,
      cause,
    });
  }
  if (body.errors?.length) throw PaperGraphError.fromGraphQL(body.errors, response.status);
  if (!response.ok || body.data == null) {
    throw new PaperGraphError(`${url} answered HTTP ${response.status} with no data.`, {
      code: 'HTTP_ERROR',
      status: response.status,
    });
  }
  return body.data;
}
