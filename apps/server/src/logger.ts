/** A small leveled logger; the server logs little and always on one line per event. */
export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(level: 'silent' | 'info' | 'debug'): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (message) => {
      if (level !== 'silent') console.log(`${stamp()} ${message}`);
    },
    debug: (message) => {
      if (level === 'debug') console.log(`${stamp()} ${message}`);
    },
    error: (message, error) => {
      if (level === 'silent') return;
      console.error(`${stamp()} ERROR ${message}`);
      if (error) console.error(error);
    },
  };
}
