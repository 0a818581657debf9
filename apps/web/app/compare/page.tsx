'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { ComparePage } from '@/components/compare/compare-page';

function FromAddress() {
  const params = useSearchParams();
  const runIds = (params.get('runs') ?? '').split(',').filter(Boolean);
  if (runIds.length === 0) return <p className="error">This address names no runs: select some in an experiment and press Compare.</p>;
  return <ComparePage key={runIds.join(',')} runIds={runIds} metric={params.get('metric') ?? ''} />;
}

/** /compare?runs=<id>,<id>&metric=<key> */
export default function Page() {
  return (
    <Suspense>
      <FromAddress />
    </Suspense>
  );
}
