// What GraphiQL shows on first open: one tab per main feature, each ready to run. (Once a user
// edits them, the browser keeps the user's tabs and shows those instead.)

export interface SampleTab {
  query: string;
}

const feed = /* GraphQL */ `
  # Welcome to PaperGraph: research papers, their
  # authors and upvotes. Press the run button (or
  # Ctrl-Enter). More samples in the other tabs: one
  # paper, a search, new papers as they arrive, an
  # account. The book icon on the left opens the docs.

  query Feed {
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
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const paper = /* GraphQL */ `
  # One paper by its arXiv id, with BibTeX to paste.

  query Paper {
    paper(arxivId: "2507.14871") {
      title
      summary
      publishedAt
      authors {
        name
        paperCount
      }
      url
      bibtex
      similar(first: 3) {
        arxivId
        title
      }
    }
  }
`;

const search = /* GraphQL */ `
  # Full-text search: "a phrase", this or that, -excluded.
  # The words that matched come back marked.

  query Search {
    search(query: "lip reading", first: 5) {
      totalCount
      approximate
      edges {
        node {
          score
          titleHighlight
          summarySnippet
          paper {
            arxivId
            title
          }
        }
      }
    }
  }
`;

const newPapers = /* GraphQL */ `
  # Live: run this, then submit a paper (the next tab,
  # or any client): it appears here as soon as it is
  # stored. The stop button ends the subscription.

  subscription NewPapers {
    paperAdded {
      id
      arxivId
      title
      authors {
        name
      }
      addedAt
    }
  }
`;

const account = /* GraphQL */ `
  # Signed-in operations need a token: run SignUp (or
  # LogIn), then open the Headers tab below and write,
  # with the token you got:
  #   { "Authorization": "Bearer pgt_..." }
  # The run button asks which operation to run.

  mutation SignUp {
    signUp(username: "ada", password: "analytical engine") {
      token
    }
  }

  mutation LogIn {
    logIn(username: "ada", password: "analytical engine") {
      token
    }
  }

  query Viewer {
    viewer {
      username
      upvotedPapers(first: 5) {
        nodes {
          title
        }
      }
    }
  }

  mutation Upvote {
    upvotePaper(arxivId: "2507.14871") {
      upvoteCount
      viewerHasUpvoted
    }
  }

  mutation SubmitPaper {
    submitPaper(
      input: {
        arxivId: "2512.00001"
        title: "A paper of my own"
        summary: "Its abstract."
        authors: ["Ada Lovelace"]
        publishedAt: "2025-12-01T00:00:00Z"
      }
    ) {
      arxivId
      addedAt
    }
  }
`;

export const sampleTabs: SampleTab[] = [feed, paper, search, newPapers, account].map((query) => ({
  query: dedent(query),
}));

/** The text as written above, without the indentation it has in this file. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').trimEnd().split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.search(/\S/)));
  return lines.map((line) => line.slice(indent)).join('\n') + '\n';
}
