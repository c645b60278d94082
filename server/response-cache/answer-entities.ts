// What a cached answer depends on, as the response cache's entity records: invalidating a record
// drops every answer cached with it. Events name paper ids, so records carry them as they come.
import type { HubMessage } from '../events/event-hub.js';
import type { DocumentReads } from './document-reads.js';

/** The cache's entity record (@envelop/response-cache's CacheEntityRecord). */
export interface CacheEntityRecord {
  typename: string;
  id?: number;
}

/** Answers that show any paper or author: a new or re-imported paper may belong to any list. */
const PAPERS: CacheEntityRecord = { typename: 'Paper' };
/** Answers that list upvotes: every upvote changes some such list. */
const UPVOTE_LISTS: CacheEntityRecord = { typename: 'Upvote' };
/** Answers that show this paper's upvote count. */
const upvotesOf = (paperId: number): CacheEntityRecord => ({ typename: 'PaperUpvotes', id: paperId });

export function answerEntities(reads: DocumentReads, upvotesShown: Iterable<number>): CacheEntityRecord[] {
  const entities: CacheEntityRecord[] = [];
  if (reads.papers) entities.push(PAPERS);
  if (reads.upvoteLists) entities.push(UPVOTE_LISTS);
  for (const paperId of upvotesShown) entities.push(upvotesOf(paperId));
  return entities;
}

/** The records a message invalidates; 'all' when the instance may have missed writes. */
export function entitiesChangedBy(message: HubMessage): CacheEntityRecord[] | 'all' {
  switch (message.topic) {
    case 'paperUpvotesChanged':
      // An anonymous answer shows upvotes as counts and in upvote lists (viewerHasUpvoted is
      // false; search scores weigh only the source's upvotes); an order by upvotes may shift
      // too, within the time-to-live.
      return [UPVOTE_LISTS, ...message.ids.map(upvotesOf)];
    case 'paperAdded':
    case 'paperUpdated':
      return [PAPERS];
    case 'eventsMissed':
      return 'all';
    default:
      // A topic about something else (sessions, say) changes nothing an anonymous answer shows.
      return [];
  }
}
