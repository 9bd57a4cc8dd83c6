/** What the background parts need from the server that owns them. */
import type { Logger } from 'pino';
import type { StateStore } from './store.js';

/** The owner of timers, schedules and tasks: its logger and its state store. */
export interface BackgroundHost {
  logger(): Logger;
  store(): StateStore;
}
