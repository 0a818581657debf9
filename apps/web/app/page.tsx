'use client';
import { ExperimentsPage } from '@/components/experiments/experiments-page';

export default function Page() {
  return <ExperimentsPage />;
}
