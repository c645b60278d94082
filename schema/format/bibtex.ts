// A BibTeX entry in the @misc form that arXiv itself exports, ready to paste into a .bib file.
import { arxivAbsUrl } from './arxiv-links.js';

export interface BibtexSource {
  arxivId: string;
  title: string;
  publishedAt: Date;
  authors: string[];
}

export function bibtex(paper: BibtexSource): string {
  const year = paper.publishedAt.getUTCFullYear();
  return [
    `@misc{${citationKey(paper, year)},`,
    `  title = {${escape(paper.title)}},`,
    `  author = {${paper.authors.map(escape).join(' and ')}},`,
    `  year = {${year}},`,
    `  eprint = {${paper.arxivId}},`,
    '  archivePrefix = {arXiv},',
    `  url = {${arxivAbsUrl(paper.arxivId)}},`,
    '}',
  ].join('\n');
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'in', 'to', 'and', 'with', 'towards']);

/** Google Scholar style: first author's surname, year, first significant title word. */
function citationKey(paper: BibtexSource, year: number): string {
  const surname = paper.authors[0]?.trim().split(/\s+/).at(-1) ?? 'anonymous';
  const word = paper.title.split(/\s+/).find((w) => !STOP_WORDS.has(asciiWord(w))) ?? '';
  return `${asciiWord(surname)}${year}${asciiWord(word)}` || `arxiv${paper.arxivId.replace(/\W/g, '')}`;
}

function asciiWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** Braces must balance in BibTeX, and these characters are special to LaTeX. */
function escape(text: string): string {
  return text.replace(/[{}\\]/g, '').replace(/([&%$#_])/g, '\\$1');
}
