'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { RunPage } from '@/components/run/run-page';

function FromAddress() {
  const id = useSearchParams().get('id');
  if (!id) return <p className="error">This address names no run: open one from its experiment.</p>;
  return <RunPage key={id} runId={id} />;
}

/** /run?id=<run id>. Static export cannot pre-render unknown ids, so the id is read in the browser. */
export default function Page() {
  return (
    <Suspense>
      <FromAddress />
    </Suspense>
  );
}
