/** A stand-in owner for the background parts in unit tests: a recording logger, a memory store. */
import pino, { type Logger } from 'pino';
import type { BackgroundHost } from '../../src/background/host.js';
import { MemoryStateStore, type StateStore } from '../../src/background/store.js';

export class TestHost implements BackgroundHost {
  readonly errors: { msg: string; err?: unknown }[] = [];
  readonly #logger: Logger;
  state: StateStore = new MemoryStateStore();

  constructor() {
    const errors = this.errors;
    this.#logger = pino(
      { level: 'warn' },
      {
        write(line: string) {
          const record = JSON.parse(line) as { msg: string; err?: unknown };
          errors.push(record);
        },
      },
    );
  }

  logger(): Logger {
    return this.#logger;
  }

  store(): StateStore {
    return this.state;
  }
}
