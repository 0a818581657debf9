'use client';
import { useCallback, useSyncExternalStore } from 'react';

/** Who alias changes made here are recorded as, in the alias history; kept in this browser. */
export const DEFAULT_ACTOR = 'dashboard';
const KEY = 'contrail.actor';
const listeners = new Set<() => void>();

const read = () => window.localStorage.getItem(KEY) ?? DEFAULT_ACTOR;

export function useActor(): [string, (actor: string) => void] {
  const actor = useSyncExternalStore(
    (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    read,
    () => DEFAULT_ACTOR,
  );
  const setActor = useCallback((next: string) => {
    window.localStorage.setItem(KEY, next);
    listeners.forEach((listener) => listener());
  }, []);
  return [actor, setActor];
}

/** The actor sent with a change: the name given, or the default when the field was emptied. */
export const actorOf = (actor: string) => actor.trim() || DEFAULT_ACTOR;
