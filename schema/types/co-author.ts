import { builder } from '../builder.js';
import { Author } from './author.js';

const CoAuthor = builder.drizzleObject('coAuthorships', {
  name: 'CoAuthor',
  description: 'Someone who shares bylines with an author.',
  fields: (t) => ({
    author: t.relation('coAuthor'),
    sharedPaperCount: t.exposeInt('sharedPaperCount', { description: 'Papers they both wrote.' }),
  }),
});

// A relation over the co_authorships view (drizzle/schema.ts): the plugin loads it in the same
// statement as the authors, however many are listed.
builder.drizzleObjectField(Author, 'coAuthors', (t) =>
  t.relation('coAuthorships', {
    type: CoAuthor,
    description: 'People who wrote papers with this author, most shared papers first, then by name.',
    args: {
      first: t.arg.int({ required: true, defaultValue: 10, description: 'At most this many (up to 100).' }),
    },
    query: (args) => ({ orderBy: { sharedPaperCount: 'desc', coAuthorName: 'asc' }, limit: args.first }),
  }),
);
