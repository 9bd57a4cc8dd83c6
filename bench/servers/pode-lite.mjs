/**
 * pode-ts with `asyncContext: false` (S0 only): the pode.mjs server without AsyncLocalStorage, to
 * show what Node 20's async_hooks cost a request. The free functions then work only before the
 * first await of a step; this server's route uses the event (`e`) anyway.
 */
process.env.BENCH_ASYNC_CONTEXT = 'off';
await import('./pode.mjs');
