import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatMetric, formatTick } from './format';

describe('format', () => {
  it('writes durations at a useful precision', () => {
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('writes metric values with 4 significant digits and names the special values', () => {
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(2e-5)).toBe('2.00e-5');
    expect(formatMetric(NaN)).toBe('NaN');
    expect(formatMetric(-Infinity)).toBe('-∞');
  });

  it('keeps axis ticks short', () => {
    expect([0, 0.25, 12_000, 3_500_000, 0.0001, 0.000075].map(formatTick)).toEqual(['0', '0.25', '12k', '3.5M', '1e-4', '7.5e-5']);
  });

  it('says how long ago in words', () => {
    expect(formatAgo(0, 10_000)).toBe('just now');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 86_400_000)).toBe('3 d ago');
  });
});
