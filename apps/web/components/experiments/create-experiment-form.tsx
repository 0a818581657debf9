'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CREATE_EXPERIMENT } from '@/lib/documents';
import { describeError } from '@/lib/errors';
import { useContrail } from '@/lib/hooks';

export function CreateExperimentForm() {
  const { endpoints } = useContrail();
  const [name, setName] = useState('');
  const [{ fetching, error }, create] = useMutation(CREATE_EXPERIMENT);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const result = await create({ name: name.trim() });
    if (!result.error) setName('');
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input data-testid="new-experiment-name" placeholder="New experiment name" value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" data-testid="create-experiment" disabled={fetching || !name.trim()}>
        Create
      </button>
      {error ? <span className="error">{describeError(error, endpoints.apiOrigin)}</span> : null}
    </form>
  );
}
