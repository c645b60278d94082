import { builder } from '../builder.js';

export const Author = builder.drizzleNode('authors', {
  name: 'Author',
  description: 'A person named on at least one paper (one per distinct name).',
  id: { column: (author) => author.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    paperCount: t.relatedCount('papers'),
    papers: t.relatedConnection(
      'papers',
      {
        description: 'Papers by this author, newest in the feed first.',
        query: { orderBy: { addedAt: 'desc' } },
        totalCount: true,
      },
      { name: 'AuthorPaperConnection' },
      { name: 'AuthorPaperEdge' },
    ),
  }),
});
