import {
  checkArxivId,
  checkAuthorCount,
  checkHttpUrl,
  checkOneLine,
  checkText,
  PAPER_LIMITS,
  RuleViolation,
} from '../../drizzle/paper-rules.js';
import { insertSubmittedPaper, type Submission } from '../../drizzle/submit-paper.js';
import { builder } from '../builder.js';
import { ErrorCode, userError } from '../errors.js';
import { Paper } from './paper.js';

const SubmitPaperInput = builder.inputType('SubmitPaperInput', {
  fields: (t) => ({
    arxivId: t.string({
      required: true,
      description: 'e.g. 2507.14871 or hep-th/9901001 (a version suffix is dropped).',
    }),
    title: t.string({ required: true, description: `At most ${PAPER_LIMITS.title} characters.` }),
    summary: t.string({
      required: true,
      description: `The abstract, at most ${PAPER_LIMITS.summary} characters.`,
    }),
    authors: t.stringList({ required: true, description: 'Author names in byline order.' }),
    publishedAt: t.field({ type: 'DateTime', required: true, description: 'When it appeared on arXiv.' }),
    githubRepo: t.string({ description: 'An http(s) URL.' }),
    projectPage: t.string({ description: 'An http(s) URL.' }),
    organization: t.string({ description: 'Short name of the publishing organization, e.g. "google".' }),
  }),
});

type Input = typeof SubmitPaperInput.$inferInput;

builder.mutationField('submitPaper', (t) =>
  t.drizzleField({
    type: Paper,
    description: 'Adds a paper to the feed as the signed-in user. It enters the feed now (addedAt).',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: SubmitPaperInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const submission = validate(input);
      const id = await insertSubmittedPaper(ctx.db, submission, ctx.viewer!.id);
      if (id === null) {
        throw userError(ErrorCode.ALREADY_EXISTS, `Paper ${submission.arxivId} is already listed.`, {
          field: ['input', 'arxivId'],
        });
      }
      return (await ctx.db.query.papers.findFirst(query({ where: { id } })))!;
    },
  }),
);

/** The input as a Submission, or BAD_USER_INPUT naming the first field that breaks a rule. */
function validate(input: Input): Submission {
  const check = <T>(field: (string | number)[], rule: () => T): T => {
    try {
      return rule();
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      throw userError(ErrorCode.BAD_USER_INPUT, `${field.join('.')}: ${error.message}.`, { field });
    }
  };
  check(['input', 'authors'], () => checkAuthorCount(input.authors.length));
  const url = (name: 'githubRepo' | 'projectPage') => {
    const value = input[name];
    return value == null || value === '' ? null : check(['input', name], () => checkHttpUrl(value));
  };
  return {
    arxivId: check(['input', 'arxivId'], () => checkArxivId(input.arxivId)),
    title: check(['input', 'title'], () => checkOneLine(input.title, PAPER_LIMITS.title)),
    summary: check(['input', 'summary'], () => checkText(input.summary, PAPER_LIMITS.summary).trim()),
    authors: input.authors.map((name, i) =>
      check(['input', 'authors', i], () => checkOneLine(name, PAPER_LIMITS.authorName)),
    ),
    publishedAt: input.publishedAt,
    githubRepo: url('githubRepo'),
    projectPage: url('projectPage'),
    organization:
      input.organization == null
        ? null
        : {
            name: check(['input', 'organization'], () =>
              checkOneLine(input.organization!, PAPER_LIMITS.organizationName),
            ),
            fullName: null,
          },
  };
}
