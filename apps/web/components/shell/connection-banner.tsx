'use client';
import { useEffect, useState } from 'react';
import { useConnection, useContrail } from '@/lib/hooks';

/** Says so when the server is unreachable; the client keeps retrying by itself. */
export function ConnectionBanner() {
  const { endpoints } = useContrail();
  const { status } = useConnection();
  // The first connection gets a moment before we alarm anyone.
  const [patienceOver, setPatienceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setPatienceOver(true), 1500);
    return () => clearTimeout(timer);
  }, []);
  if (status === 'connected' || (status === 'connecting' && !patienceOver)) return null;
  return (
    <div className="banner" role="status" data-testid="connection-banner">
      Cannot reach the server at {endpoints.apiOrigin}, retrying…
    </div>
  );
}
