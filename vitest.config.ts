import { defineConfig } from 'vitest/config';

// Unit tests are colocated with the code (`x.ts` beside `x.test.ts`).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
