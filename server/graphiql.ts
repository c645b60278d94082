// What GraphiQL shows on first open: a query that exercises the main features.
export const defaultQuery = /* GraphQL */ `
  # Welcome to PaperGraph: research papers, their authors and upvotes.
  # Press the run button (or Ctrl-Enter). Open the docs (book icon) to explore the schema.

  query TrendingPapers {
    papers(first: 5, orderBy: TRENDING) {
      totalCount
      edges {
        node {
          arxivId
          title
          publishedAt
          upvoteCount
          authors {
            name
          }
          organization {
            fullName
          }
          url
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }

  query OnePaper {
    paper(arxivId: "2507.14871") {
      title
      summary
      authors {
        name
        paperCount
      }
      bibtex
    }
  }
`;
