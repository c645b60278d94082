// Synthetic papers get arXiv ids that real ones cannot take: the year-month part runs from 9000
// (paper 0 is 9000.00000, paper 100,000 is 9001.00000), and arXiv's yymm prefix reaches 9000
// only in 2090. So synthetic papers never collide with imported ones, and numbering can resume.
const PER_PREFIX = 100_000;
const FIRST_PREFIX = 9_000;
export const MAX_SYNTHETIC_PAPERS = (10_000 - FIRST_PREFIX) * PER_PREFIX;

/** The arXiv id of synthetic paper `n` (0-based). */
export function syntheticArxivId(n: number): string {
  const prefix = FIRST_PREFIX + Math.floor(n / PER_PREFIX);
  if (prefix > 9_999)
    throw new RangeError(`at most ${(10_000 - FIRST_PREFIX) * PER_PREFIX} synthetic papers`);
  return `${prefix}.${String(n % PER_PREFIX).padStart(5, '0')}`;
}

/** The paper number of a synthetic arXiv id, or null for any other id. */
export function syntheticPaperNumber(arxivId: string): number | null {
  const match = /^(9\d{3})\.(\d{5})$/.exec(arxivId);
  return match ? (Number(match[1]) - FIRST_PREFIX) * PER_PREFIX + Number(match[2]) : null;
}

/** A LIKE pattern that matches every synthetic id (and no real one before 2090). */
export const SYNTHETIC_ID_PATTERN = '9___._____';
