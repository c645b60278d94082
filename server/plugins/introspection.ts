// Introspection shows the whole schema, and "Did you mean" suggestions in error messages show it
// name by name. Both stay on outside production, where GraphiQL and developers use them; in
// production they are off unless GRAPHQL_INTROSPECTION=true (server/config.ts).
import {
  getOperationAST,
  getVariableValues,
  NoSchemaIntrospectionCustomRule,
  type ExecutionArgs,
  type GraphQLError,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useIntrospection(enabled: boolean): Plugin {
  if (enabled) return {};
  return {
    onValidate({ addValidationRule, validateFn, setValidationFn }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      setValidationFn((schema, document, rules, options, typeInfo) =>
        validateFn(schema, document, rules, { ...options, hideSuggestions: true }, typeInfo),
      );
    },
    // Variables are coerced at execution, where Yoga's executor would suggest enum values; they
    // are coerced here first, by graphql-js without suggestions, with the same errors otherwise.
    onExecute({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}

function variableErrors(args: ExecutionArgs): readonly GraphQLError[] | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  return getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
    hideSuggestions: true,
  }).errors;
}
