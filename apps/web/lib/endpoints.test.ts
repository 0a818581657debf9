import { describe, expect, it } from 'vitest';
import { endpoints } from './endpoints';

describe('endpoints', () => {
  it('talks to its own origin when served by the API server, over wss behind https', () => {
    expect(endpoints({ origin: 'https://ml.example.com', protocol: 'https:', host: 'ml.example.com' }, null)).toEqual({
      apiOrigin: 'https://ml.example.com',
      http: '/graphql',
      ws: 'wss://ml.example.com/graphql',
    });
    expect(endpoints({ origin: 'http://127.0.0.1:5000', protocol: 'http:', host: '127.0.0.1:5000' }, null).ws).toBe('ws://127.0.0.1:5000/graphql');
  });

  it('under next dev, proxies HTTP through the dev server and opens the socket on the API server', () => {
    expect(endpoints({ origin: 'http://localhost:3000', protocol: 'http:', host: 'localhost:3000' }, 'http://127.0.0.1:5000')).toEqual({
      apiOrigin: 'http://127.0.0.1:5000',
      http: '/graphql',
      ws: 'ws://127.0.0.1:5000/graphql',
    });
  });
});
