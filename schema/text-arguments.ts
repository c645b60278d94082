// A Pothos plugin that refuses text PostgreSQL cannot store (see drizzle/storable-text.ts) in any
// argument of any field, nested input fields and list items included, before the field's resolver
// runs: BAD_USER_INPUT naming the argument (and `field`, the path to a nested value) instead of
// an internal error from the database. Literals and variables alike: it sees the coerced values.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { unstorableCharacter } from '../drizzle/storable-text.js';
import { ErrorCode, userError } from './errors.js';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      textArguments: TextArgumentsPlugin<Types>;
    }
  }
}

export class TextArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    // First, so other mappers (global id decoding) see only storable text.
    return { ...fieldConfig, argMappers: [checkArguments, ...fieldConfig.argMappers] };
  }
}

SchemaBuilder.registerPlugin('textArguments', TextArgumentsPlugin);

function checkArguments(args: Record<string, unknown>) {
  for (const [argument, value] of Object.entries(args)) checkValue(value, [argument]);
  return args;
}

function checkValue(value: unknown, path: (string | number)[]): void {
  if (typeof value === 'string') {
    const problem = unstorableCharacter(value);
    if (problem) {
      const [argument] = path;
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `"${path.join('.')}" contains ${problem}; remove it.`,
        path.length > 1 ? { argument, field: path } : { argument },
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, [...path, i]));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [name, item] of Object.entries(value)) checkValue(item, [...path, name]);
  }
}
