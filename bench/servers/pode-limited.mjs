/**
 * pode-ts with traffic rules (issue 17's benchmark): the pode.mjs server plus one limit access
 * rule (allow 127.0.0.1) and one rate rule per IP on the route, in memory, with a limit no run
 * reaches, and S1's route behind a sessionless custom authentication with one role access check. `node bench/compare.mjs --scenario S1 pode pode-limited` gives its cost per request.
 */
process.env.BENCH_LIMITS = 'on';
await import('./pode.mjs');
