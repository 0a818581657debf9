export interface BenchRow {
  benchmark: string;
  result: string;
  target: string;
  /** Whether the result meets the target; null when there is no target. */
  met: boolean | null;
  reference: string;
}

/** Prints rows as an aligned text table. */
export function printTable(rows: BenchRow[]): void {
  const header = ['benchmark', 'result', 'target', 'met', 'reference (same machine kind)'];
  const lines = rows.map((r) => [r.benchmark, r.result, r.target, r.met === null ? '' : r.met ? 'yes' : 'NO', r.reference]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of lines) console.log(format(line));
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
