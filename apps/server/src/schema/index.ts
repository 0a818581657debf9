import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './common.js';
import './experiment.js';
import './run.js';
import './metric.js';
import './registered-model.js';
import './model-version.js';
import './webhook.js';

export const schema: GraphQLSchema = builder.toSchema();

/** The SDL committed as apps/server/schema.graphql; a test fails when it is stale. */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
