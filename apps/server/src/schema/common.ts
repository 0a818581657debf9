import type { KeyValue, Page } from '@contrail/core';
import type { ObjectRef } from '@pothos/core';
import { builder, type SchemaTypes } from './builder.js';

export const KeyValueRef = builder.objectRef<KeyValue>('KeyValue').implement({
  description: 'A param or tag.',
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') }),
});

export const KeyValueInput = builder.inputType('KeyValueInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});

export const ViewType = builder.enumType('ViewType', {
  description: 'Which lifecycle stages a list includes.',
  values: ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const,
});

export const LifecycleStage = builder.enumType('LifecycleStage', {
  values: { ACTIVE: { value: 'active' }, DELETED: { value: 'deleted' } } as const,
});

export interface PageInfoShape {
  endCursor: string | null;
  hasNextPage: boolean;
}

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  fields: (t) => ({
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
    hasNextPage: t.exposeBoolean('hasNextPage'),
  }),
});

/** `<Type>Connection { nodes, pageInfo, totalCount }` for a paged list. */
export function connection<T>(name: string, node: ObjectRef<SchemaTypes, T>) {
  const ref = builder.objectRef<Page<T>>(`${name}Connection`);
  ref.implement({
    fields: (t) => ({
      nodes: t.field({ type: [node], resolve: (page) => page.items }),
      pageInfo: t.field({
        type: PageInfo,
        resolve: (page) => ({ endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null }),
      }),
      totalCount: t.exposeInt('totalCount'),
    }),
  });
  return ref;
}
