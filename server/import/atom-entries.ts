// Streams the <entry> elements of an Atom feed as the arXiv API writes it, one at a time, with
// the saxes streaming XML parser (strict, namespace-aware, entities and CDATA handled): an
// XML parser is not something to hand-roll, and saxes is small, dependency-light and used by jsdom.
//
// Memory stays flat on any input: an entry over MAX_ENTRY_CHARS is skipped (reported as unreadable,
// its text no longer kept), and since saxes holds a whole text node, and the stack of open
// elements, until they end, a run of MAX_ENTRY_CHARS without markup, or nesting past MAX_DEPTH,
// stops the import with the place and the fix.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportFileError, UnreadableRecord } from './record-format.js';

/** An arXiv entry takes a few kilobytes (5,000 authors: under 1 MB). */
export const MAX_ENTRY_CHARS = 4 * 1024 * 1024;
/** An arXiv feed nests four levels (feed, entry, author, name). */
export const MAX_DEPTH = 32;

const ATOM = 'http://www.w3.org/2005/Atom';
const ARXIV = 'http://arxiv.org/schemas/atom';

/** An entry's raw text, before any checking (see arxiv-atom.ts). */
export interface AtomEntry {
  id?: string;
  title?: string;
  summary?: string;
  published?: string;
  authors: string[];
  links: { href?: string; rel?: string; title?: string }[];
  /** arxiv:comment, where authors often put a code link. */
  comment?: string;
  primaryCategory?: string;
  /** Where the entry starts in the text (a string index, and a line), to measure and name it. */
  start: number;
  line: number;
  /** Set once it grows past MAX_ENTRY_CHARS: nothing more is kept of it. */
  tooLarge?: boolean;
}

/** Entry fields kept as text, by their namespace and local name. */
const TEXT_FIELDS: Record<string, 'id' | 'title' | 'summary' | 'published' | 'comment'> = {
  [`${ATOM} id`]: 'id',
  [`${ATOM} title`]: 'title',
  [`${ATOM} summary`]: 'summary',
  [`${ATOM} published`]: 'published',
  [`${ARXIV} comment`]: 'comment',
};

export async function* atomEntries(
  chunks: AsyncIterable<string>,
  fileName: string,
): AsyncGenerator<AtomEntry | UnreadableRecord> {
  const parser = new SaxesParser({ xmlns: true, fileName });
  const ready: (AtomEntry | UnreadableRecord)[] = [];
  let sawRoot = false;
  let entry: AtomEntry | null = null;
  let entryDepth = 0;
  let depth = 0;
  // Text being collected for the current field, and where it goes.
  let text: string | null = null;
  let onText: ((value: string) => void) | null = null;
  let textDepth = 0;
  let lastEvent = 0; // where the parser last reported something

  const place = () => `${fileName}:${parser.line}:${parser.column + 1}`;
  /** Called on every event: measures the entry, and stops keeping what it holds once too large. */
  const progress = () => {
    lastEvent = parser.position;
    if (entry && !entry.tooLarge && parser.position - entry.start > MAX_ENTRY_CHARS) {
      entry = { authors: [], links: [], start: entry.start, line: entry.line, tooLarge: true };
      text = null;
      onText = null;
    }
  };

  parser.on('error', (error) => {
    // saxes names the place: "feed.xml:3:22: unexpected close tag."
    throw new ImportFileError(`${error.message.replace(/\.$/, '')} (the file is not well-formed XML).`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    progress();
    if (depth > MAX_DEPTH) {
      throw new ImportFileError(
        `${place()}: elements nested deeper than ${MAX_DEPTH} levels; an arXiv Atom feed nests four. The file is damaged or not an arXiv feed.`,
      );
    }
    if (!sawRoot) {
      sawRoot = true;
      if (tag.uri !== ATOM || tag.local !== 'feed') {
        throw new ImportFileError(
          `${fileName}: expected an Atom feed (<feed xmlns="${ATOM}">, as the arXiv API returns), found <${tag.name}>.`,
        );
      }
      return;
    }
    const key = `${tag.uri} ${tag.local}`;
    if (!entry) {
      if (key === `${ATOM} entry` && depth === 2) {
        entry = { authors: [], links: [], start: parser.position, line: parser.line };
        entryDepth = depth;
      }
      return;
    }
    if (entry.tooLarge) return;
    const current = entry;
    const attribute = (name: string) => tag.attributes[name]?.value;
    const field = TEXT_FIELDS[key];
    if (field && depth === entryDepth + 1) {
      collect((value) => (current[field] = value));
    } else if (key === `${ATOM} name` && depth === entryDepth + 2) {
      collect((value) => current.authors.push(value));
    } else if (key === `${ATOM} link` && depth === entryDepth + 1) {
      current.links.push({ href: attribute('href'), rel: attribute('rel'), title: attribute('title') });
    } else if (key === `${ARXIV} primary_category` && depth === entryDepth + 1) {
      current.primaryCategory = attribute('term');
    }
  });
  const collect = (target: (value: string) => void) => {
    text = '';
    onText = target;
    textDepth = depth;
  };
  const append = (value: string) => {
    progress();
    if (text !== null) text += value;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('comment', progress);
  parser.on('processinginstruction', progress);
  parser.on('closetag', () => {
    progress();
    if (onText && text !== null && depth === textDepth) {
      onText(text);
      onText = null;
      text = null;
    }
    if (entry && depth === entryDepth) {
      ready.push(
        entry.tooLarge
          ? new UnreadableRecord(
              `larger than ${MAX_ENTRY_CHARS / 1024 / 1024} Mi characters (the entry starts at line ${entry.line}); an arXiv entry takes a few kilobytes: fix or remove it`,
            )
          : entry,
      );
      entry = null;
    }
    depth--;
  });

  // Entries completed before a syntax error are still handed out, then the error.
  function* take(step: () => void): Generator<AtomEntry | UnreadableRecord> {
    let failure: unknown = null;
    try {
      step();
    } catch (error) {
      failure = error;
    }
    yield* ready.splice(0);
    if (failure) throw failure;
  }
  const write = (chunk: string) => {
    parser.write(chunk);
    if (parser.position - lastEvent > MAX_ENTRY_CHARS) {
      throw new ImportFileError(
        `${place()}: more than ${MAX_ENTRY_CHARS / 1024 / 1024} Mi characters without markup (one text, comment or CDATA section); an arXiv entry takes a few kilobytes. The file is damaged or not an arXiv feed.`,
      );
    }
  };
  for await (const chunk of chunks) yield* take(() => write(chunk));
  if (!sawRoot) throw new ImportFileError(`${fileName}: no XML elements found; expected an Atom feed.`);
  yield* take(() => parser.close());
}
