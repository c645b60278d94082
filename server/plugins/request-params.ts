// What Yoga reads from an HTTP request is refused with 400 and BAD_REQUEST when it is unusable,
// never with a 500 or with the parser's words: a body that is not JSON (Yoga's own answer quotes
// the body back), GET or form parameters `variables`/`extensions` that are not JSON (Yoga answers
// 500), and variables nested deeper than any input of the schema (coercing them recurses).
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.js';
import { LIMITS } from '../../schema/limits.js';

const JSON_PARAMETERS = ['variables', 'extensions'] as const;

export function useRequestParams(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          throw unreadable(error);
        }
      });
    },
    // Every request's parameters, over HTTP and WebSocket alike (which skips request parsing).
    onParams({ params }) {
      checkNesting(params);
    },
  };
}

function unreadable(error: unknown): unknown {
  // Yoga attaches the JSON parser's message, and the parser quotes the body.
  if (error instanceof GraphQLError && error.extensions.originalError !== undefined) {
    return badRequest('Request body is not valid JSON.');
  }
  if (error instanceof SyntaxError) {
    return badRequest('The "variables" and "extensions" parameters must be JSON.');
  }
  return error;
}

function checkNesting(params: GraphQLParams) {
  for (const name of JSON_PARAMETERS) {
    if (depth(params[name]) > LIMITS.jsonDepth) {
      throw badRequest(`"${name}" is nested more than ${LIMITS.jsonDepth} levels deep.`);
    }
  }
}

/** Levels of arrays and objects, counted breadth first so that deep values do not recurse. */
function depth(value: unknown): number {
  let levels = 0;
  let level = [value].filter(isContainer);
  while (level.length > 0 && levels <= LIMITS.jsonDepth) {
    levels += 1;
    level = level.flatMap((item) => Object.values(item)).filter(isContainer);
  }
  return levels;
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

function badRequest(message: string) {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
  });
}
