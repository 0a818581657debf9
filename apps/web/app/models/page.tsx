'use client';
import { ModelsPage } from '@/components/models/models-page';

/** /models: every registered model. */
export default function Page() {
  return <ModelsPage />;
}
