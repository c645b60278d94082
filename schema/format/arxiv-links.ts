/** The paper's abstract page on arXiv. */
export const arxivAbsUrl = (arxivId: string) => `https://arxiv.org/abs/${arxivId}`;

/** The latest version's PDF on arXiv. */
export const arxivPdfUrl = (arxivId: string) => `https://arxiv.org/pdf/${arxivId}`;
