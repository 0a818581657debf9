/** The WebSocket's state as people should hear of it, shared by the banner and the live views. */
export interface ConnectionState {
  status: 'connecting' | 'connected' | 'retrying';
  /** Counts connections made: a change means the socket came back and live data may have gaps. */
  generation: number;
}

export interface ConnectionStore {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
  connected(): void;
  lost(): void;
}

export function createConnectionStore(): ConnectionStore {
  let state: ConnectionState = { status: 'connecting', generation: 0 };
  const listeners = new Set<() => void>();
  const set = (next: ConnectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected: () => set({ status: 'connected', generation: state.generation + 1 }),
    lost: () => {
      if (state.status !== 'retrying') set({ ...state, status: 'retrying' });
    },
  };
}
