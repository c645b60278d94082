import { builder } from '../builder.js';
import { arxivAbsUrl, arxivPdfUrl } from '../format/arxiv-links.js';
import { bibtex } from '../format/bibtex.js';
import { Author } from './author.js';

// The byline in order: paper_authors rows sorted by position, each with its author.
const byline = { orderBy: { position: 'asc' }, with: { author: { columns: { name: true } } } } as const;

export const Paper = builder.drizzleNode('papers', {
  name: 'Paper',
  description: 'A research paper on arXiv, as listed in the feed.',
  id: { column: (paper) => paper.id },
  // No column by default: each field selects what it reads, so a feed page loads neither the
  // abstract nor the search document unless a field asks for them.
  select: {},
  fields: (t) => ({
    arxivId: t.exposeString('arxivId', { description: 'The versionless arXiv id, e.g. "2507.14871".' }),
    title: t.exposeString('title'),
    summary: t.exposeString('summary', { description: 'The abstract.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', description: 'First published on arXiv.' }),
    addedAt: t.expose('addedAt', {
      type: 'DateTime',
      description:
        'When the paper entered the feed (the daily listing, or its submission here). NEWEST and the feeds by day use it.',
    }),
    authors: t.field({
      type: [Author],
      description: 'The authors in byline order.',
      select: (_args, _ctx, nestedSelection) => ({
        with: { authorships: { orderBy: { position: 'asc' }, with: { author: nestedSelection() } } },
      }),
      resolve: (paper) => paper.authorships.map((authorship) => authorship.author),
    }),
    authorCount: t.relatedCount('authorships'),
    organization: t.relation('organization', { nullable: true }),
    githubRepo: t.exposeString('githubRepo', { nullable: true }),
    projectPage: t.exposeString('projectPage', { nullable: true }),
    url: t.string({
      description: 'The abstract page on arXiv.',
      select: { columns: { arxivId: true } },
      resolve: (paper) => arxivAbsUrl(paper.arxivId),
    }),
    pdfUrl: t.string({
      select: { columns: { arxivId: true } },
      resolve: (paper) => arxivPdfUrl(paper.arxivId),
    }),
    bibtex: t.string({
      description: 'A BibTeX @misc entry for the arXiv preprint.',
      select: { columns: { arxivId: true, title: true, publishedAt: true }, with: { authorships: byline } },
      resolve: (paper) =>
        bibtex({ ...paper, authors: paper.authorships.map((authorship) => authorship.author.name) }),
    }),
    submittedBy: t.relation('submittedBy', {
      nullable: true,
      description: 'Who submitted it here; null for papers imported from the daily listing.',
    }),
    upvoteCount: t.int({
      description: 'Upvotes from the source listing plus upvotes made here.',
      select: { columns: { upvoteCount: true } },
      resolve: (paper, _args, ctx) => {
        ctx.showingUpvotesOf?.(paper.id);
        return paper.upvoteCount;
      },
    }),
  }),
});
