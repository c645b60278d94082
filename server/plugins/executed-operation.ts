// The operation a request will run and the root fields it will execute, found the way execution
// finds them (graphql-js's own field collection): fragments, inline or named, aliases and
// @skip/@include all count exactly as they run, so no spelling of a query escapes a limit.
import {
  getOperationAST,
  getVariableValues,
  Kind,
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';

export interface ExecutedOperation {
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  /** Root fields by response key: an alias is a field of its own, a repeated key runs once. */
  rootFields: Map<string, readonly FieldNode[]>;
}

/**
 * Undefined when the operation cannot run (no such operation, or variables that do not coerce):
 * execution then refuses it with its own errors, before any resolver.
 */
export function executedOperation({
  schema,
  document,
  operationName,
  variableValues,
}: ExecutionArgs): ExecutedOperation | undefined {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}, {
    maxErrors: 1,
  });
  if (coerced.errors) return undefined;
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  const byName = Object.fromEntries(fragments.map((fragment) => [fragment.name.value, fragment]));
  return {
    operation,
    fragments,
    rootFields: collectFields(schema, byName, coerced.coerced, rootType, operation.selectionSet),
  };
}
