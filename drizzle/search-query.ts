// What a user types in the search box, as the text of a PostgreSQL tsquery. The syntax is
// websearch_to_tsquery's (words are ANDed, "quoted phrases", `or`, `-exclusion`, other punctuation
// ignored) plus one thing it cannot do: the last word matches as a prefix, so results follow the
// user as they type. PostgreSQL still does the language work (stemming, stop words): every piece of
// user text reaches to_tsquery inside a quoted, escaped operand, so no input can be a syntax error.

export interface SearchQuery {
  /** tsquery text for to_tsquery('english', …); null when the input has no searchable word. */
  tsquery: string | null;
  /** The words to look for, without operators: the typo-tolerant title fallback compares these. */
  plainText: string;
  /** tsquery text matching what the user excluded (`-word`), which the fallback excludes too. */
  excluded: string | null;
  /** tsquery text of the word matched as a prefix alone ('benchmark':*), when there is one: search
   *  spells it out as the lexemes that exist (drizzle/prefix-search.ts). */
  prefix: string | null;
}

type Token = { kind: 'or' } | { kind: 'term'; text: string; phrase: boolean; negated: boolean };

/** A letter or digit: a term without one (e.g. `&|!`) holds nothing to search for. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Control characters cannot reach PostgreSQL text (NUL) or mean nothing in a search.
const CONTROL = /[\p{Cc}\p{Cs}]/gu;

export function parseSearchQuery(input: string): SearchQuery {
  const tokens = tokenize(input.replace(CONTROL, ' '));
  const terms = tokens.filter((t): t is Extract<Token, { kind: 'term' }> => t.kind === 'term');
  const last = terms.at(-1);

  // `or` separates groups of ANDed terms; an `or` with nothing on one side is ignored.
  const groups: string[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'or') groups.push([]);
    else groups.at(-1)!.push(operand(token, token === last && !token.phrase));
  }
  const nonEmpty = groups.filter((group) => group.length > 0);
  const positive = terms.filter((t) => !t.negated).map((t) => t.text);
  const excluded = terms
    .filter((t) => t.negated)
    .map((t) => operand({ ...t, negated: false }, t === last && !t.phrase));
  return {
    tsquery: nonEmpty.length > 0 ? nonEmpty.map((group) => group.join(' & ')).join(' | ') : null,
    plainText: positive.join(' ').replace(/\s+/g, ' ').trim(),
    excluded: excluded.length > 0 ? excluded.join(' | ') : null,
    prefix: last && !last.phrase && !last.negated ? operand(last, true) : null,
  };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    // websearch semantics: `-` at the start of a word or phrase excludes it.
    const negated = input[i] === '-';
    if (negated) i++;
    if (input[i] === '"') {
      // A phrase runs to the closing quote, or to the end when the quote is never closed.
      const end = input.indexOf('"', i + 1);
      const text = input.slice(i + 1, end === -1 ? input.length : end);
      i = end === -1 ? input.length : end + 1;
      if (WORD_CHAR.test(text)) tokens.push({ kind: 'term', text, phrase: true, negated });
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!) && input[end] !== '"') end++;
    const text = input.slice(i, end);
    i = end;
    if (!negated && text.toLowerCase() === 'or') tokens.push({ kind: 'or' });
    else if (WORD_CHAR.test(text)) tokens.push({ kind: 'term', text, phrase: false, negated });
  }
  return tokens;
}

/** Quoted for to_tsquery: inside quotes, only `'` and `\` are special, and both are escaped. */
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function operand(term: Extract<Token, { kind: 'term' }>, prefix: boolean): string {
  let rendered: string;
  if (prefix) {
    // Only the word being typed is a prefix: "pre-trai" is 'pre' followed by 'trai':*, not
    // 'pre':* (which would also match "previous").
    const parts = term.text.split('-').filter((part) => WORD_CHAR.test(part));
    const quoted = parts.map(quote);
    quoted[quoted.length - 1] += ':*';
    rendered = quoted.length > 1 ? `(${quoted.join(' <-> ')})` : quoted[0]!;
  } else {
    // A quoted operand of several words is a phrase to to_tsquery ('lip reading' → 'lip' <-> 'read').
    rendered = quote(term.text);
  }
  return term.negated ? `!${rendered}` : rendered;
}
