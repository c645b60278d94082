// Synthetic papers shaped like a daily-papers feed: about five authors each from a shared pool
// where a few names are prolific (Zipf-like), titles and abstracts built from real ML/NLP/speech
// terms, dates over several years with more papers in later ones, organizations, and upvotes
// (from the source and from local users) with a heavy tail. Paper n depends only on (seed, n).
import type { NewPaper } from '../../drizzle/bulk-insert-papers.js';
import { between, distinctRanks, paretoCount, pick, randomFor, zipfRank, type Random } from './random.js';
import { syntheticArxivId } from './synthetic-arxiv-id.js';
import {
  ADJECTIVES,
  CHALLENGES,
  CLOSINGS,
  FINDINGS,
  FIRST_NAMES,
  GOALS,
  LAST_NAMES,
  LIMITATIONS,
  METHOD_PREFIXES,
  METHOD_SUFFIXES,
  ORGANIZATIONS,
  TOPICS,
  TRENDS,
  type Topic,
} from './vocabulary.js';

export interface SyntheticOptions {
  seed: number;
  /** Size of the author pool; ranks are drawn Zipf-like, so some names are never used. */
  authors: number;
  /** Synthetic users who cast local upvotes (see `syntheticUsername`). */
  users: number;
  /** Publication dates are spread over [from, to), denser towards `to`. */
  from: Date;
  to: Date;
}

const STREAM_PAPER = 1;
const DAY_MS = 86_400_000;
const TOPIC_TOTAL = TOPICS.reduce((sum, t) => sum + t.weight, 0);

/** Synthetic accounts are `synth_00042`; they have no password and cannot sign in. */
export const syntheticUsername = (rank: number) => `synth_${String(rank).padStart(5, '0')}`;

/** The name of the author of pool rank `rank`: a bijection, so names never repeat. */
export function syntheticAuthorName(rank: number): string {
  const pairs = FIRST_NAMES.length * LAST_NAMES.length;
  // Step through the first × last grid by a stride coprime with its size, so neighbouring
  // ranks (the prolific few) do not all share a first name.
  const cell = (rank * 7_919) % pairs;
  const first = FIRST_NAMES[cell % FIRST_NAMES.length]!;
  const last = LAST_NAMES[Math.floor(cell / FIRST_NAMES.length)]!;
  const round = Math.floor(rank / pairs);
  if (round === 0) return `${first} ${last}`;
  if (round <= 26) return `${first} ${String.fromCharCode(64 + round)}. ${last}`;
  return `${first} ${last} ${round - 25}`;
}

/** Paper number `n` (0-based over all synthetic papers) of the synthetic data set. */
export function syntheticPaper(n: number, options: SyntheticOptions): NewPaper {
  const random = randomFor(options.seed, STREAM_PAPER, n);
  const topic = pickTopic(random);
  const method = pick(random, METHOD_PREFIXES) + pick(random, METHOD_SUFFIXES);
  const span = options.to.getTime() - options.from.getTime();
  // Density grows linearly towards `to`, as the number of papers per year does. Whole seconds.
  const published = Math.floor((options.from.getTime() + span * Math.sqrt(random())) / 1000) * 1000;
  const added = published + between(random, 0, 3 * 86_400) * 1000;
  const organization = random() < 0.45 ? ORGANIZATIONS[zipfRank(random, ORGANIZATIONS.length, 3)]! : null;
  const sourceUpvotes = Math.min(paretoCount(random, 1.1, 3), 10_000);

  const authorCount = Math.min(1 + Math.floor(-Math.log(1 - random()) * 4), 30);
  const authorHead = Math.max(10, options.authors / 1_000);
  const authors = distinctRanks(random, authorCount, options.authors, () =>
    zipfRank(random, options.authors, authorHead),
  ).map(syntheticAuthorName);

  const voterCount = Math.min(paretoCount(random, 1.5), options.users);
  const userHead = Math.max(2, options.users / 50);
  const votes = distinctRanks(random, voterCount, options.users, () =>
    zipfRank(random, options.users, userHead),
  )
    .map((user) => ({ user, at: new Date(added + Math.floor(-Math.log(1 - random()) * 2 * DAY_MS)) }))
    .sort((a, b) => a.user - b.user);

  return {
    arxivId: syntheticArxivId(n),
    title: title(random, topic, method),
    summary: summary(random, topic, method),
    authors,
    publishedAt: new Date(published),
    addedAt: new Date(added),
    sourceUpvotes,
    githubRepo:
      random() < 0.35
        ? `https://github.com/${organization?.name ?? 'synthetic'}/${method.toLowerCase()}`
        : null,
    projectPage: random() < 0.12 ? `https://${method.toLowerCase()}.github.io/` : null,
    organization,
    votes,
  };
}

function pickTopic(random: Random): Topic {
  let left = random() * TOPIC_TOTAL;
  for (const topic of TOPICS) if ((left -= topic.weight) < 0) return topic;
  return TOPICS[TOPICS.length - 1]!;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', 'with', 'from', 'via']);
const titleCase = (phrase: string) =>
  phrase.replace(/[A-Za-z][\w'-]*/g, (word, offset: number) =>
    offset > 0 && SMALL_WORDS.has(word) ? word : word[0]!.toUpperCase() + word.slice(1),
  );
const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const withArticle = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

function title(random: Random, topic: Topic, method: string): string {
  const task = pick(random, topic.tasks);
  const technique = pick(random, topic.techniques);
  const adjective = pick(random, ADJECTIVES);
  switch (between(random, 0, 7)) {
    case 0:
      return `${method}: ${titleCase(`${adjective} ${technique} for ${task}`)}`;
    case 1:
      return titleCase(`${adjective} ${task} with ${technique}`);
    case 2:
      return `Towards ${titleCase(`${adjective} ${task}`)}`;
    case 3:
      return `${method}: A Benchmark for ${titleCase(task)}`;
    case 4:
      return `${titleCase(technique)} Improves ${titleCase(task)}`;
    case 5:
      return `Rethinking ${titleCase(task)}: ${titleCase(`${adjective} ${technique}`)} at Scale`;
    case 6:
      return `When Does ${titleCase(technique)} Help ${titleCase(task)}?`;
    default:
      return `${method}: Scaling ${titleCase(task)} with ${titleCase(technique)}`;
  }
}

function summary(random: Random, topic: Topic, method: string): string {
  const task = pick(random, topic.tasks);
  const technique = pick(random, topic.techniques);
  const other = pick(random, topic.techniques);
  const [first, second, third] = [
    pick(random, topic.datasets),
    pick(random, topic.datasets),
    pick(random, topic.datasets),
  ];
  const sentences = [
    random() < 0.5
      ? `Recent advances in ${pick(random, TRENDS)} have enabled remarkable progress in ${task}.`
      : `Despite rapid progress, ${task} remains challenging due to ${pick(random, CHALLENGES)}.`,
    `However, existing methods ${pick(random, LIMITATIONS)}, which limits their use in practice.`,
    `In this paper, we propose ${method}, ${withArticle(pick(random, ADJECTIVES))} approach to ${task} based on ${technique}.`,
    `${method} combines ${technique} with ${other} to ${pick(random, GOALS)}.`,
  ];
  if (random() < 0.35) {
    sentences.push(
      `We further construct a new benchmark of ${between(random, 2, 900)}K ${pick(random, topic.items)} ` +
        `covering ${between(random, 5, 120)} domains.`,
    );
  }
  sentences.push(
    `Experiments on ${first}, ${second} and ${third} show that ${method} improves ${pick(random, topic.metrics)} ` +
      `by ${between(random, 1, 25)}.${between(random, 0, 9)}% over strong baselines.`,
  );
  if (random() < 0.5) sentences.push(`Our analysis further reveals that ${pick(random, FINDINGS)}.`);
  sentences.push(pick(random, CLOSINGS));
  return sentences.map(capitalize).join(' ');
}
