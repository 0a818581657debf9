'use client';
import { useQuery } from 'urql';
import { MODEL_ALIAS_CHANGED, MODEL_VERSION_CREATED, REGISTERED_MODEL } from './documents';
import { useOnReconnect, useThrottled } from './hooks';
import { useLiveSubscription } from './use-live-subscription';

/** Versions shown on the model page, and alias history entries. */
export const MODEL_VERSIONS_SHOWN = 200;
export const ALIAS_HISTORY_SHOWN = 100;

/**
 * A registered model with its versions, aliases and alias history, read again (at most twice a
 * second) whenever one of its aliases changes or a version is registered, from this window or any
 * other, and after a reconnect.
 */
export function useRegisteredModel(name: string) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: REGISTERED_MODEL,
    variables: { name, versions: MODEL_VERSIONS_SHOWN, history: ALIAS_HISTORY_SHOWN },
    requestPolicy: 'cache-and-network',
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useOnReconnect(refresh);
  useLiveSubscription(MODEL_ALIAS_CHANGED, { name }, refresh);
  useLiveSubscription(MODEL_VERSION_CREATED, { name }, refresh);
  return { model: data?.registeredModel, fetching, error, refresh };
}
