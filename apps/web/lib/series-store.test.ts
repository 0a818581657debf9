import { describe, expect, it, vi } from 'vitest';
import { SeriesStore, seriesId } from './series-store';

const p = (step: number) => ({ step, timestamp: step, value: step });

function storeWithManualFrames() {
  const frames: Array<() => void> = [];
  const tasks: Array<() => void> = [];
  const store = new SeriesStore((flush) => frames.push(flush), (task) => tasks.push(task));
  const runFrame = () => frames.splice(0).forEach((f) => f());
  const runTasks = () => {
    while (tasks.length) tasks.shift()!();
  };
  return { store, frames, tasks, runFrame, runTasks };
}

describe('SeriesStore', () => {
  it('applies live points once per frame, however many batches arrived, and tells only that series\' listeners', () => {
    const { store, frames, runFrame } = storeWithManualFrames();
    const loss = vi.fn();
    const acc = vi.fn();
    store.subscribe(seriesId('r1', 'loss'), loss);
    store.subscribe(seriesId('r1', 'acc'), acc);
    for (let step = 0; step < 50; step++) store.push('r1', 'loss', [p(step)]);
    expect(frames).toHaveLength(1);
    expect(store.get(seriesId('r1', 'loss')).points).toHaveLength(0);
    runFrame();
    expect(store.get(seriesId('r1', 'loss')).points).toHaveLength(50);
    expect(loss).toHaveBeenCalledTimes(1);
    expect(acc).not.toHaveBeenCalled();
  });

  it('merges history with points still waiting for their frame', () => {
    const { store, runFrame } = storeWithManualFrames();
    store.push('r1', 'loss', [p(5)]);
    store.setHistory('r1', 'loss', { points: [p(0), p(1)], downsampled: false });
    expect(store.get(seriesId('r1', 'loss')).points.map((q) => q.step)).toEqual([0, 1, 5]);
    runFrame();
    expect(store.get(seriesId('r1', 'loss')).points).toHaveLength(3);
  });

  it('tells listeners of a live point that a history answer applied before its frame came, even when the history holds it too', () => {
    const { store, runFrame, runTasks } = storeWithManualFrames();
    const listener = vi.fn();
    store.subscribe(seriesId('r1', 'loss'), listener);
    store.setHistory('r1', 'loss', { points: [p(0)], downsampled: false });
    store.push('r1', 'loss', [p(1)]);
    store.setHistory('r1', 'loss', { points: [p(0), p(1)], downsampled: false });
    runFrame();
    runTasks();
    expect(store.get(seriesId('r1', 'loss')).points).toHaveLength(2);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('does not redraw when a refetched history brings nothing new', () => {
    const { store } = storeWithManualFrames();
    const listener = vi.fn();
    store.subscribe(seriesId('r1', 'loss'), listener);
    store.setHistory('r1', 'loss', { points: [p(0), p(1)], downsampled: false });
    const first = store.get(seriesId('r1', 'loss'));
    store.setHistory('r1', 'loss', { points: [p(0), p(1)], downsampled: false });
    expect(store.get(seriesId('r1', 'loss'))).toBe(first);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('tells the charts of one frame one at a time, each in a task of its own, coalescing repeats', () => {
    const { store, tasks, runFrame, runTasks } = storeWithManualFrames();
    const told: string[] = [];
    for (const key of ['a', 'b', 'c']) store.subscribe(seriesId('r1', key), () => told.push(key));
    for (const key of ['a', 'b', 'c']) store.push('r1', key, [p(0)]);
    runFrame();
    expect(told).toEqual(['a']);
    expect(tasks).toHaveLength(1);
    store.push('r1', 'c', [p(1)]);
    runFrame();
    expect(told).toEqual(['a']); // c is already waiting for its turn
    runTasks();
    expect(told).toEqual(['a', 'b', 'c']);
    expect(store.get(seriesId('r1', 'c')).points).toHaveLength(2);
  });

  it('lists each run\'s keys as they appear, as a stable array', () => {
    const { store, runFrame } = storeWithManualFrames();
    const keysChanged = vi.fn();
    store.subscribeKeys(keysChanged);
    store.push('r1', 'val_loss', [p(0)]);
    store.push('r1', 'acc', [p(0)]);
    store.push('r2', 'loss', [p(0)]);
    runFrame();
    expect(store.keys('r1')).toEqual(['acc', 'val_loss']);
    expect(store.keys('r2')).toEqual(['loss']);
    expect(store.keys('r1')).toBe(store.keys('r1'));
    expect(keysChanged).toHaveBeenCalledTimes(3);
  });
});
