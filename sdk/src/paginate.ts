import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

interface Page {
  edges: ReadonlyArray<{ node: unknown }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Yields every node of the connection at `path`, following `endCursor` one page at a time. */
export async function* paginate<Variables extends object>(
  request: <R, V>(document: TypedDocumentNode<R, V>, variables?: V) => Promise<R>,
  document: TypedDocumentNode<unknown, Variables>,
  path: readonly string[],
  variables?: Variables,
): AsyncGenerator<unknown> {
  let after: string | null = null;
  for (;;) {
    const result = await request(document, { ...variables, after } as Variables);
    const page = path.reduce<any>((value, key) => value?.[key], result) as Page | null | undefined;
    if (!page) return;
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}
