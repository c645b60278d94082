import { builder } from '../builder.js';
import { newestAddedFirst } from '../cursor-guard.js';

export const Author = builder.drizzleNode('authors', {
  name: 'Author',
  description: 'A person named on at least one paper (one per distinct name).',
  id: { column: (author) => author.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    // Counted over byline rows: relatedCount('papers') would share its planned key with the
    // papers connection's totalCount and force a second query when both are selected.
    paperCount: t.relatedCount('authorships'),
    papers: t.relatedConnection(
      'papers',
      {
        description: 'Papers by this author, newest in the feed first.',
        query: newestAddedFirst,
        totalCount: true,
      },
      { name: 'AuthorPaperConnection' },
      { name: 'AuthorPaperEdge' },
    ),
  }),
});
