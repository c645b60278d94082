// arXiv identifiers: new style `2507.14871` (4-digit yymm, 4 or 5 digits) and old style
// `hep-th/9901001` (archive[.subject-class]/yymmnnn), each with an optional `v2` suffix.
const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The versionless id, or null when `raw` is not an arXiv id. */
export function normalizeArxivId(raw: string): string | null {
  const trimmed = raw.trim().replace(/^arxiv:/i, '');
  const match = NEW_STYLE.exec(trimmed) ?? OLD_STYLE.exec(trimmed);
  return match ? match[1]! : null;
}

export const arxivIdRules =
  'an arXiv id such as 2507.14871 or hep-th/9901001, optionally with a version suffix (v2)';
