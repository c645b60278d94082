import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export const relations = defineRelations(schema, (r) => ({
  papers: {
    organization: r.one.organizations({
      from: r.papers.organizationId,
      to: r.organizations.id,
    }),
    // Byline rows, each with its position; Paper.authors orders by it.
    authorships: r.many.paperAuthors({
      from: r.papers.id,
      to: r.paperAuthors.paperId,
    }),
    authors: r.many.authors({
      from: r.papers.id.through(r.paperAuthors.paperId),
      to: r.authors.id.through(r.paperAuthors.authorId),
    }),
    submittedBy: r.one.users({ from: r.papers.submittedById, to: r.users.id }),
    upvotes: r.many.upvotes({ from: r.papers.id, to: r.upvotes.paperId }),
  },
  authors: {
    authorships: r.many.paperAuthors({ from: r.authors.id, to: r.paperAuthors.authorId }),
    papers: r.many.papers({
      from: r.authors.id.through(r.paperAuthors.authorId),
      to: r.papers.id.through(r.paperAuthors.paperId),
    }),
    coAuthorships: r.many.coAuthorships({ from: r.authors.id, to: r.coAuthorships.authorId }),
  },
  coAuthorships: {
    coAuthor: r.one.authors({ from: r.coAuthorships.coAuthorId, to: r.authors.id, optional: false }),
  },
  paperAuthors: {
    paper: r.one.papers({ from: r.paperAuthors.paperId, to: r.papers.id, optional: false }),
    author: r.one.authors({ from: r.paperAuthors.authorId, to: r.authors.id, optional: false }),
  },
  users: {
    submittedPapers: r.many.papers({ from: r.users.id, to: r.papers.submittedById }),
    upvotes: r.many.upvotes({ from: r.users.id, to: r.upvotes.userId }),
  },
  upvotes: {
    user: r.one.users({ from: r.upvotes.userId, to: r.users.id, optional: false }),
    paper: r.one.papers({ from: r.upvotes.paperId, to: r.papers.id, optional: false }),
  },
  organizations: {
    papers: r.many.papers({ from: r.organizations.id, to: r.papers.organizationId }),
  },
}));

export type Relations = typeof relations;
