import { describe, expect, it, vi } from 'vitest';
import { createClock } from './clock';

describe('createClock', () => {
  it('ticks only while someone listens, and tells every listener the new time', () => {
    vi.useFakeTimers();
    try {
      let t = 1_000;
      const clock = createClock(1000, globalThis, () => t);
      expect(clock.now()).toBe(1_000);
      t = 1_500;
      const a = vi.fn();
      const b = vi.fn();
      const stopA = clock.subscribe(a);
      const stopB = clock.subscribe(b);
      expect(clock.now()).toBe(1_500); // read again when the first listener came
      t = 2_500;
      vi.advanceTimersByTime(1000);
      expect(clock.now()).toBe(2_500);
      expect(a).toHaveBeenCalledTimes(1);
      expect(b).toHaveBeenCalledTimes(1);
      stopA();
      t = 3_000;
      vi.advanceTimersByTime(1000);
      expect(a).toHaveBeenCalledTimes(1);
      expect(b).toHaveBeenCalledTimes(2);
      stopB();
      expect(vi.getTimerCount()).toBe(0);
      t = 9_000;
      vi.advanceTimersByTime(5000);
      expect(clock.now()).toBe(3_000); // the last tick before it stopped
    } finally {
      vi.useRealTimers();
    }
  });
});
