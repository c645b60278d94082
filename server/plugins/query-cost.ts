// Cost, depth and breadth of the operation about to run, checked once before any resolver, for
// queries, mutations and subscriptions alike. Fields declare their cost in schema/limits.ts (the
// Pothos complexity plugin computes it); introspection, which has no resolver of ours, is costed
// here, so an operation made only of `__schema` aliases is held to the same limits.
import { PothosValidationError } from '@pothos/core';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { GraphQLError, Kind, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { callCost, LIMITS, limitError } from '../../schema/limits.js';
import { executedOperation } from './executed-operation.js';

export function useQueryCost(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = costError(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = costError(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function costError(args: ExecutionArgs): GraphQLError | undefined {
  const executed = executedOperation(args);
  if (!executed) return undefined;
  let cost;
  try {
    cost = complexityFromQuery(
      { kind: Kind.DOCUMENT, definitions: [executed.operation, ...executed.fragments] },
      { schema: args.schema, variables: args.variableValues ?? {}, ctx: args.contextValue as object },
    );
  } catch (error) {
    // A page size out of range, found while costing: the client's error, reported as is.
    if (error instanceof GraphQLError && !(error instanceof PothosValidationError)) return error;
    throw error;
  }
  // Pothos counts a meta-field as 1 whatever it returns.
  let introspection = 0;
  for (const [field] of executed.rootFields.values()) {
    if (field!.name.value.startsWith('__')) introspection += callCost(field!.name.value) - 1;
  }
  const complexity = cost.complexity + introspection;
  if (cost.depth > LIMITS.depth) return limitError('depth', LIMITS.depth, cost.depth);
  if (cost.breadth > LIMITS.breadth) return limitError('breadth', LIMITS.breadth, cost.breadth);
  if (complexity > LIMITS.complexity) return limitError('complexity', LIMITS.complexity, complexity);
  return undefined;
}
