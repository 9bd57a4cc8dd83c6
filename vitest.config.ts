import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Real servers on port 0 and a shared Redis: files run in parallel, tests in a file in order.
    fileParallelism: true,
    pool: 'forks',
  },
});
