// Per-user limits on mutations, and per-client limits on signUp/logIn (password guessing), counted
// in PostgreSQL so they hold across server instances. Each mutation field counts once, so
// aliasing fifty upvotes into one request costs fifty.
import { getOperationAST, GraphQLError, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../../drizzle/db.js';
import { countHits, pruneHits } from '../../drizzle/rate-limit.js';
import type { Context } from '../../schema/context.js';
import { ErrorCode } from '../../schema/errors.js';

export interface RateLimits {
  /** Mutations a signed-in user may make per minute. */
  mutationsPerMinute: number;
  /** signUp and logIn calls one client address may make per minute. */
  authAttemptsPerMinute: number;
}

const WINDOW_MS = 60_000;
const AUTH_FIELDS = new Set(['signUp', 'logIn']);

export function useRateLimit(
  db: Db,
  limits: RateLimits,
): Plugin<Context & { req?: { socket?: { remoteAddress?: string } } }> {
  let lastPrune = 0;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const fields = operation.selectionSet.selections.flatMap((s) =>
        s.kind === Kind.FIELD ? [s.name.value] : [],
      );
      const ctx = args.contextValue;
      const authCalls = fields.filter((name) => AUTH_FIELDS.has(name)).length;
      const checks: Array<[string, number, number]> = [];
      if (authCalls > 0)
        checks.push([
          `auth:${ctx.req?.socket?.remoteAddress ?? 'local'}`,
          authCalls,
          limits.authAttemptsPerMinute,
        ]);
      if (ctx.viewer)
        checks.push([`user:${ctx.viewer.id}`, fields.length - authCalls, limits.mutationsPerMinute]);

      for (const [key, cost, limit] of checks) {
        if (cost === 0) continue;
        const { hits, resetsAt } = await countHits(db, key, cost, WINDOW_MS);
        if (hits > limit) {
          const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
          setResultAndStopExecution({
            errors: [
              new GraphQLError(`Rate limit: at most ${limit} per minute. Try again in ${retryAfter} s.`, {
                extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter, limit },
              }),
            ],
          });
          return;
        }
      }
      if (Date.now() - lastPrune > 10 * WINDOW_MS) {
        lastPrune = Date.now();
        await pruneHits(db, new Date(Date.now() - 2 * WINDOW_MS));
      }
    },
  };
}
