// What a query document can show, found once per parsed document (Yoga's parse cache hands a
// repeated query the same tree): which writes can change its answer.
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface DocumentReads {
  /** A field whose value is or can contain a paper or an author (a list's totalCount too), which a
   *  new or re-imported paper may change. */
  papers: boolean;
  /** Upvote rows themselves (who upvoted a paper, what a user upvoted), which any upvote changes. */
  upvoteLists: boolean;
}

const UPVOTE_LISTS = new Set(['Paper.upvoters', 'User.upvotedPapers']);

const readsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentReads>>();
const paperTypesBySchema = new WeakMap<GraphQLSchema, Set<string>>();

export function documentReads(schema: GraphQLSchema, document: DocumentNode): DocumentReads {
  let byDocument = readsBySchema.get(schema);
  if (!byDocument) readsBySchema.set(schema, (byDocument = new WeakMap()));
  let reads = byDocument.get(document);
  if (!reads) byDocument.set(document, (reads = findReads(schema, document)));
  return reads;
}

function findReads(schema: GraphQLSchema, document: DocumentNode): DocumentReads {
  const paperTypes = typesHoldingPapers(schema);
  const reads: DocumentReads = { papers: false, upvoteLists: false };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const type = typeInfo.getType();
        if (type && paperTypes.has(getNamedType(type).name)) reads.papers = true;
        const parent = typeInfo.getParentType();
        if (parent && UPVOTE_LISTS.has(`${parent.name}.${field.name.value}`)) reads.upvoteLists = true;
      },
    }),
  );
  return reads;
}

/** Paper, Author, and every type through which one can be reached (connections, search hits,
 *  users and their submitted papers, Node). */
function typesHoldingPapers(schema: GraphQLSchema): Set<string> {
  const known = paperTypesBySchema.get(schema);
  if (known) return known;
  const holding = new Set(['Paper', 'Author']);
  const composites = Object.values(schema.getTypeMap()).filter(
    (type) =>
      !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type) || isUnionType(type)),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of composites) {
      if (!holding.has(type.name) && parts(schema, type).some((part) => holding.has(part.name))) {
        holding.add(type.name);
        grew = true;
      }
    }
  }
  paperTypesBySchema.set(schema, holding);
  return holding;
}

/** The types a value of `type` can be or contain one level down. */
function parts(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLNamedType[] {
  if (isUnionType(type)) return type.getTypes();
  if (isInterfaceType(type)) return [...schema.getPossibleTypes(type), ...fieldTypes(type)];
  if (isObjectType(type)) return fieldTypes(type);
  return [];
}

const fieldTypes = (type: GraphQLObjectType | GraphQLInterfaceType) =>
  Object.values(type.getFields()).map((field) => getNamedType(field.type));
