import SchemaBuilder from '@pothos/core';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { GraphQLContext } from '../context.js';
import type { WireValue } from '../live/pubsub.js';

/** The only SchemaBuilder: plugins, scalars and the context type every resolver sees. */
export interface BuilderTypes {
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: {
    Long: { Input: number; Output: number };
    MetricValue: { Input: number; Output: number | WireValue };
  };
}
export type SchemaTypes = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>;

export const builder = new SchemaBuilder<BuilderTypes>({ defaultFieldNullability: false });

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

const invalidValue = (message: string) => new GraphQLError(message, { extensions: { code: 'INVALID_PARAMETER_VALUE' } });

function parseLong(value: unknown): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw invalidValue(`Long must be an integer between -(2^53-1) and 2^53-1, got ${JSON.stringify(value)}`);
  }
  return number;
}

builder.scalarType('Long', {
  description:
    'A 64-bit integer (epoch milliseconds, steps) as a JSON number. Values beyond ±(2^53-1) are rejected since JSON numbers lose precision there. Decimal strings are accepted as input.',
  serialize: (value) => value,
  parseValue: parseLong,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseLong(ast.value);
    throw invalidValue('Long must be an integer');
  },
});

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function parseMetricValue(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value]!;
  throw invalidValue(`MetricValue must be a number or one of "NaN", "Infinity", "-Infinity", got ${JSON.stringify(value)}`);
}

builder.scalarType('MetricValue', {
  description:
    'A double. JSON has no NaN or Infinity, so those travel as the strings "NaN", "Infinity" and "-Infinity", as in MLflow\'s REST API.',
  serialize: (value) => (typeof value === 'number' && !Number.isFinite(value) ? (String(value) as WireValue) : value),
  parseValue: parseMetricValue,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
    if (ast.kind === Kind.STRING) return parseMetricValue(ast.value);
    throw invalidValue('MetricValue must be a number or "NaN", "Infinity", "-Infinity"');
  },
});
