/**
 * `threadId()` (Pode's `$ThreadId`): which of the server's request threads runs this code. Pode
 * numbers its runspaces 1…N; pode-ts has one event loop per process, so it is 1 in a server of
 * one process and, under `threads: N`, the worker process's cluster id (1…N for the first
 * workers; a worker started to replace one that died gets the next number).
 */
import cluster from 'node:cluster';
import { isThreadWorker } from '../threads.js';

/** The number of the thread (worker process) running this code: 1 without `threads`. */
export function threadId(): number {
  return isThreadWorker() && cluster.worker !== undefined ? cluster.worker.id : 1;
}
