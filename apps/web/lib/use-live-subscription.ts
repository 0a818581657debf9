'use client';
import { useEffect, useRef } from 'react';
import type { AnyVariables, TypedDocumentNode } from 'urql';
import { useConnection, useContrail } from './hooks';

/**
 * Calls `onData` for every event of a subscription, and subscribes afresh after each reconnect:
 * a server that stops completes its subscriptions, and urql would not renew them by itself.
 * `variables: null` pauses it.
 */
export function useLiveSubscription<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables | null,
  onData: (data: Data) => void,
): void {
  const client = useContrail();
  const { generation } = useConnection();
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    const subscription = client.urql.subscription(query, variables).subscribe((result) => {
      if (result.data) handler.current(result.data);
    });
    return () => subscription.unsubscribe();
    // `key` stands for `variables`, which callers rebuild on every render.
  }, [client, query, key, generation]);
}
