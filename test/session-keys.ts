/**
 * The suite's tests use session keys of every name, while a few declare typed keys
 * (test/smoke.test.ts, test/sessions/api.test.ts): declaring a key makes the session data strict
 * for the whole program, so the suite also declares that any other key is allowed, as docs/
 * sessions.md shows. test/types/strict-keys.test.ts compiles fixtures without this line.
 */
export {};

declare module '../src/index.js' {
  interface SessionData {
    [key: string]: unknown;
  }
}
