import { describe, expect, it } from 'vitest';
import { scatterData } from './scatter';

describe('scatterData', () => {
  it('plots numeric params as numbers, on a log axis when they span decades', () => {
    const data = scatterData([
      { id: 'a', color: 'red', param: '1e-5', metric: 0.9 },
      { id: 'b', color: 'blue', param: '1e-3', metric: 0.8 },
      { id: 'c', color: 'green', param: undefined, metric: 0.7 },
    ]);
    expect(data.points).toEqual([
      { id: 'a', color: 'red', x: 1e-5, y: 0.9 },
      { id: 'b', color: 'blue', x: 1e-3, y: 0.8 },
    ]);
    expect(data).toMatchObject({ categories: null, logX: true });
  });

  it('treats other params as categories and leaves out runs without a finite metric', () => {
    const data = scatterData([
      { id: 'a', color: 'red', param: 'gpt2', metric: 0.9 },
      { id: 'b', color: 'blue', param: 'bert', metric: NaN },
      { id: 'c', color: 'green', param: 'bert', metric: 0.5 },
    ]);
    expect(data.categories).toEqual(['bert', 'gpt2']);
    expect(data.points.map((p) => p.x)).toEqual(['gpt2', 'bert']);
    expect(data.logX).toBe(false);
  });
});
