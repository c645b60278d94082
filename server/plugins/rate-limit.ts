// Per-user limits on mutations, and per-client limits on signUp/logIn (password guessing), counted
// in PostgreSQL so they hold across server instances. What counts is what runs: every root field
// the operation executes, found as execution finds them, so aliases count one each and fragments
// or directives hide nothing. A request over a limit runs nothing and gets HTTP 429 with
// Retry-After and the RateLimit fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers).
import type { IncomingMessage } from 'node:http';
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../../drizzle/db.js';
import { countHits, pruneHits } from '../../drizzle/rate-limit.js';
import type { Context } from '../../schema/context.js';
import { ErrorCode } from '../../schema/errors.js';
import { clientAddress, type TrustProxy } from '../client-address.js';
import { executedOperation } from './executed-operation.js';

export interface RateLimits {
  /** Mutations a signed-in user may make per minute. */
  mutationsPerMinute: number;
  /** signUp and logIn calls one client address may make per minute. */
  authAttemptsPerMinute: number;
}

const WINDOW_MS = 60_000;
const AUTH_FIELDS = new Set(['signUp', 'logIn']);

interface Check {
  policy: 'auth' | 'mutations';
  key: string;
  cost: number;
  limit: number;
}

export function useRateLimit(
  db: Db,
  limits: RateLimits,
  trustProxy: TrustProxy,
): Plugin<Context & { req?: IncomingMessage }> {
  let lastPrune = 0;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const executed = executedOperation(args);
      if (!executed) return;
      const fields = [...executed.rootFields.values()]
        .map(([field]) => field!.name.value)
        .filter((name) => !name.startsWith('__'));
      const ctx = args.contextValue;
      const authCalls = fields.filter((name) => AUTH_FIELDS.has(name)).length;
      const checks: Check[] = [
        {
          policy: 'auth',
          key: `auth:${clientAddress(ctx.req, trustProxy)}`,
          cost: authCalls,
          limit: limits.authAttemptsPerMinute,
        },
      ];
      if (ctx.viewer) {
        checks.push({
          policy: 'mutations',
          key: `user:${ctx.viewer.id}`,
          cost: fields.length - authCalls,
          limit: limits.mutationsPerMinute,
        });
      }
      for (const check of checks) {
        if (check.cost === 0) continue;
        const { hits, resetsAt } = await countHits(db, check.key, check.cost, WINDOW_MS);
        if (hits > check.limit) {
          const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
          setResultAndStopExecution({ errors: [rateLimited(check, retryAfter)] });
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

function rateLimited({ policy, limit }: Check, retryAfter: number) {
  return new GraphQLError(`Rate limit: at most ${limit} per minute. Try again in ${retryAfter} s.`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: retryAfter,
      limit,
      // Yoga sets the response's status and headers from this, and leaves it out of the body.
      http: {
        status: 429,
        headers: {
          'Retry-After': String(retryAfter),
          'RateLimit-Policy': `"${policy}";q=${limit};w=${WINDOW_MS / 1000}`,
          RateLimit: `"${policy}";r=0;t=${retryAfter}`,
        },
      },
    },
  });
}
