// Yoga keeps the documents it parsed, and the parse errors, for the next request with the same
// text. Its default keeps 1,024 of each whatever their size: 1,000 distinct 88 KB documents grew the
// process past 4 GB. These caches count the characters of the texts they hold instead, a measure
// of the syntax trees behind them; validation results are kept per cached tree, so they go too.
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Characters of document text kept parsed: a tree takes 30 to 60 bytes per character. */
const DOCUMENT_CHARACTERS = 500_000;
/** Characters of text kept with their parse errors (each error holds its text). */
const ERROR_CHARACTERS = 200_000;
/** At most this many entries however small, as Yoga's default. */
const MAX_ENTRIES = 1_024;

export function parserAndValidationCache() {
  return {
    documentCache: boundedByCharacters<DocumentNode>(DOCUMENT_CHARACTERS),
    errorCache: boundedByCharacters<object>(ERROR_CHARACTERS),
  };
}

function boundedByCharacters<T extends object>(maxSize: number) {
  return new LRUCache<string, T>({
    max: MAX_ENTRIES,
    maxSize,
    sizeCalculation: (_value, text) => Math.max(1, text.length),
  });
}
