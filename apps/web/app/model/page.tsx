'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { ModelPage } from '@/components/model/model-page';

function FromAddress() {
  const name = useSearchParams().get('name');
  if (!name) return <p className="error">This address names no model: pick one from the list of models.</p>;
  return <ModelPage key={name} name={name} />;
}

/** /model?name=<registered model name> */
export default function Page() {
  return (
    <Suspense>
      <FromAddress />
    </Suspense>
  );
}
