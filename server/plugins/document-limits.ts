// Limits on the document itself, enforced before it can cost much. One pass of graphql-js's lexer
// counts tokens and bracket nesting before the parser starts: a larger document is never turned
// into a tree or cached, and a deeply nested one never reaches the recursive parser, whose stack
// runs out at about 2,000 levels. Then aliases, directives and depth are checked by graphql-armor's
// rules, which stop validation at the first violation, and the rest of validation reports at most
// LIMITS.errors errors. Every refusal is QUERY_TOO_COMPLEX naming its limit, as the cost check's.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { Lexer, parse, Source, TokenKind, type ParseOptions } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMITS, limitError, type LimitName } from '../../schema/limits.js';

export function useDocumentLimits(): Plugin[] {
  return [
    {
      onParse({ setParseFn }) {
        setParseFn(parseWithinLimits);
      },
    },
    // __typename too: thousands of aliased __typename are cheap to send, not to answer.
    maxAliasesPlugin({ n: LIMITS.aliases, allowList: [], ...refuse('aliases', LIMITS.aliases) }),
    maxDirectivesPlugin({ n: LIMITS.directives, ...refuse('directives', LIMITS.directives) }),
    // Counted as the cost check counts depth (fragments add none). Introspection's depth is bounded
    // by graphql-js's standard MaxIntrospectionDepthRule, its cost by the cost check.
    maxDepthPlugin({ n: LIMITS.depth, flattenFragments: true, ...refuse('depth', LIMITS.depth) }),
    {
      onValidate({ validateFn, setValidationFn }) {
        setValidationFn((schema, document, rules, options, typeInfo) =>
          validateFn(schema, document, rules, { ...options, maxErrors: LIMITS.errors }, typeInfo),
        );
      },
    },
  ];
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

function parseWithinLimits(source: string | Source, options?: ParseOptions) {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let tokens = 0;
  let nesting = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > LIMITS.tokens) throw limitError('tokens', LIMITS.tokens);
    if (OPENING.has(token.kind) && ++nesting > LIMITS.nesting) throw limitError('nesting', LIMITS.nesting);
    if (CLOSING.has(token.kind)) nesting -= 1;
  }
  return parse(source, options);
}

/** armor calls onReject, then throws its own error: ours, thrown first, is the one reported. */
function refuse(limit: LimitName, max: number) {
  return {
    onReject: [
      () => {
        throw limitError(limit, max);
      },
    ],
  };
}
