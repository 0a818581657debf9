'use client';
import { useState, type FormEvent } from 'react';

/** MLflow's filter language, applied on Enter so that a half-typed expression never goes out. */
export function RunsFilter({ value, onApply }: { value: string; onApply: (filter: string) => void }) {
  const [text, setText] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(text.trim());
  };
  return (
    <form className="inline-form filter" onSubmit={submit}>
      <input
        data-testid="runs-filter"
        placeholder="metrics.acc > 0.9 and params.model = 'gpt2'"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Filter</button>
    </form>
  );
}
