// Signs up, upvotes a paper, shows it among the account's upvotes, then undoes it:
// `npm run upvote -w examples`.
import { createClient, PaperGraphError } from '@papergraph/sdk';
import { url } from './server-url.js';

const arxivId = process.argv[2] ?? '2507.14871';
const client = createClient({ url });

const username = `reader-${Math.random().toString(36).slice(2, 8)}`;
const { signUp } = await client.signUp({ username, password: 'a long enough password' });
client.setToken(signUp.token);
console.log(`Signed up as ${signUp.user.username}`);

try {
  const { upvotePaper } = await client.upvotePaper({ arxivId });
  console.log(
    `Upvoted ${upvotePaper.arxivId}: ▲ ${upvotePaper.upvoteCount} (viewerHasUpvoted: ${upvotePaper.viewerHasUpvoted})`,
  );

  const { viewer } = await client.upvotedPapers({ first: 5 });
  console.log(`My upvotes: ${viewer?.upvotedPapers.edges.map((edge) => edge.node.title).join('; ')}`);

  const { removeUpvote } = await client.removeUpvote({ arxivId });
  console.log(`Removed it: ▲ ${removeUpvote.upvoteCount}`);
} catch (error) {
  // Every failure is a PaperGraphError with a code to branch on.
  if (error instanceof PaperGraphError && error.code === 'NOT_FOUND') {
    console.error(`No paper ${arxivId} on this server.`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await client.logOut();
}
