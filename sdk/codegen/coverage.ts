// Which root fields (Query, Mutation, Subscription) and which of their arguments no SDK operation
// uses: each must have a typed method, so a new field cannot ship without one. An argument counts
// only when an operation passes it a variable, so the method's caller can set it.
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/** Names like `Query.search` and `Query.papers(period:)`, in schema order. */
export function uncoveredRootFields(schema: GraphQLSchema, documents: readonly DocumentNode[]): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (root): root is GraphQLObjectType => root != null,
  );
  const used = new Set<string>();
  for (const document of documents) {
    const typeInfo = new TypeInfo(schema);
    /** `Query.search` while the visit is inside a root field, else undefined. */
    const rootField = () => {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      return field && roots.some((root) => root === parent) ? `${parent!.name}.${field.name}` : undefined;
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const field = rootField();
          if (field) used.add(field);
        },
        Argument(node) {
          const field = rootField();
          if (field && hasVariable(node.value)) used.add(`${field}(${node.name.value}:)`);
        },
      }),
    );
  }
  const all = roots.flatMap((root) =>
    Object.values(root.getFields()).flatMap((field) => [
      `${root.name}.${field.name}`,
      ...field.args.map((arg) => `${root.name}.${field.name}(${arg.name}:)`),
    ]),
  );
  return all.filter((name) => !used.has(name));
}

/** A variable anywhere in the value: `$filter`, or `{ author: $name }`. */
function hasVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(hasVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => hasVariable(field.value));
  return false;
}
