// Streams the <entry> elements of an Atom feed as the arXiv API writes it, one at a time, with
// the saxes streaming XML parser (strict, namespace-aware, entities and CDATA handled): an
// XML parser is not something to hand-roll, and saxes is small, dependency-light and used by jsdom.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportFileError } from './record-format.js';

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
): AsyncGenerator<AtomEntry> {
  const parser = new SaxesParser({ xmlns: true, fileName });
  const ready: AtomEntry[] = [];
  let sawRoot = false;
  let entry: AtomEntry | null = null;
  let entryDepth = 0;
  let depth = 0;
  // Text being collected for the current field, and where it goes.
  let text: string | null = null;
  let onText: ((value: string) => void) | null = null;
  let textDepth = 0;

  parser.on('error', (error) => {
    // saxes names the place: "feed.xml:3:22: unexpected close tag."
    throw new ImportFileError(`${error.message.replace(/\.$/, '')} (the file is not well-formed XML).`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
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
        entry = { authors: [], links: [] };
        entryDepth = depth;
      }
      return;
    }
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
    if (text !== null) text += value;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('closetag', () => {
    if (onText && text !== null && depth === textDepth) {
      onText(text);
      onText = null;
      text = null;
    }
    if (entry && depth === entryDepth) {
      ready.push(entry);
      entry = null;
    }
    depth--;
  });

  // Entries completed before a syntax error are still handed out, then the error.
  function* take(step: () => void): Generator<AtomEntry> {
    let failure: unknown = null;
    try {
      step();
    } catch (error) {
      failure = error;
    }
    yield* ready.splice(0);
    if (failure) throw failure;
  }
  for await (const chunk of chunks) yield* take(() => parser.write(chunk));
  if (!sawRoot) throw new ImportFileError(`${fileName}: no XML elements found; expected an Atom feed.`);
  yield* take(() => parser.close());
}
