import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests are colocated with the code (`x.ts` beside `x.test.ts`).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default (one worker fewer than the cores) is a single worker on a 2-core machine,
    // where many files mostly wait on devnet processes and sockets: two workers there took the
    // unit run from 310 s to 214 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
