'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { ExperimentPage } from '@/components/runs/experiment-page';

function FromAddress() {
  const id = useSearchParams().get('id');
  if (!id) return <p className="error">This address names no experiment: pick one from the list.</p>;
  return <ExperimentPage key={id} experimentId={id} />;
}

/** /experiment?id=<experiment id> */
export default function Page() {
  return (
    <Suspense>
      <FromAddress />
    </Suspense>
  );
}
