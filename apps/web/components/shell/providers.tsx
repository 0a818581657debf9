'use client';
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createContrailClient, type ContrailClient } from '@/lib/client';
import { devApi, endpoints } from '@/lib/endpoints';
import { ContrailContext } from '@/lib/hooks';
import { ConnectionBanner } from './connection-banner';

/**
 * The GraphQL client lives only in the browser (graphql-ws needs a WebSocket), so it is made after
 * the first render; the static HTML carries the frame and a loading line.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [client, setClient] = useState<ContrailClient | null>(null);
  useEffect(() => {
    const created = createContrailClient(endpoints(window.location, devApi()));
    setClient(created);
    return () => created.dispose();
  }, []);
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          Contrail
        </Link>
        <nav>
          <Link href="/">Experiments</Link>
          <Link href="/models">Models</Link>
        </nav>
      </header>
      {client ? (
        <ContrailContext.Provider value={client}>
          <Provider value={client.urql}>
            <ConnectionBanner />
            <main>{children}</main>
          </Provider>
        </ContrailContext.Provider>
      ) : (
        <main>
          <p className="muted">Loading…</p>
        </main>
      )}
    </>
  );
}
