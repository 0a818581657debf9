'use client';
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { ContrailClient } from './client';
import type { ConnectionState } from './connection';
import type { Series } from './series';
import type { SeriesStore } from './series-store';
import { throttle } from './throttle';

export const ContrailContext = createContext<ContrailClient | null>(null);

export function useContrail(): ContrailClient {
  const client = useContext(ContrailContext);
  if (!client) throw new Error('useContrail needs the <Providers> of app/layout.tsx');
  return client;
}

export function useConnection(): ConnectionState {
  const { connection } = useContrail();
  return useSyncExternalStore(connection.subscribe, connection.get, connection.get);
}

/** Calls `refetch` whenever the socket comes back: queries made while the server was down failed. */
export function useOnReconnect(refetch: () => void): void {
  const { generation } = useConnection();
  const latest = useRef(refetch);
  latest.current = refetch;
  const first = useRef(generation);
  useEffect(() => {
    if (generation !== first.current) latest.current();
  }, [generation]);
}

/**
 * One series, re-read whenever it changes. With `live` false it stays as last read: a chart
 * scrolled out of view does not redraw for every live point, and catches up when it comes back.
 */
export function useSeries(store: SeriesStore, id: string, live = true): Series {
  const shown = useRef<Series | null>(null);
  const subscribe = useCallback((listener: () => void) => (live ? store.subscribe(id, listener) : () => {}), [store, id, live]);
  const snapshot = () => {
    if (live || shown.current === null) shown.current = store.get(id);
    return shown.current;
  };
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Whether the element is on screen, or nearly (the margin spares a blank chart while scrolling). */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? true), { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

export function useSeriesKeys(store: SeriesStore, runId: string): string[] {
  return useSyncExternalStore(
    (listener) => store.subscribeKeys(listener),
    () => store.keys(runId),
    () => store.keys(runId),
  );
}

/** The current time, re-read every `ms` (durations of running runs keep counting). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A throttled version of `fn` (see throttle.ts), stable across renders, cancelled on unmount. */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const [throttled] = useState(() => throttle(() => latest.current(), ms));
  useEffect(() => () => throttled.cancel(), [throttled]);
  return throttled.call;
}

/** Several series at once, as one array that changes only when one of them does. */
export function useSeriesList(store: SeriesStore, ids: string[]): Series[] {
  const cache = useRef<Series[]>([]);
  const key = ids.join('\u0001');
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = key.split('\u0001').map((id) => store.subscribe(id, listener));
      return () => stops.forEach((stop) => stop());
    },
    [store, key],
  );
  const snapshot = () => {
    const next = ids.map((id) => store.get(id));
    const same = next.length === cache.current.length && next.every((s, i) => s === cache.current[i]);
    if (!same) cache.current = next;
    return cache.current;
  };
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
