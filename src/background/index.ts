/**
 * Background work and shared state: timers, schedules, tasks, state and locks (Pode's
 * `Add-PodeTimer`, `Add-PodeSchedule`, `Add-PodeTask`, `Set-PodeState`, `Lock-PodeObject`…),
 * the same on one process, on `threads: N` and on several machines sharing Redis.
 */

export {
  newStateBag,
  newStateDictionary,
  newStateList,
  newStateOrderedDictionary,
  tryAdd,
} from './collections.js';
export type { CronDay, CronEvery, CronMonth, NewCronOptions } from './cron-builder.js';
export { newCron } from './cron-builder.js';
export {
  addSchedule,
  addTask,
  addTimer,
  clearSchedules,
  clearTasks,
  clearTimers,
  editSchedule,
  editTimer,
  getSchedule,
  getScheduleNextTrigger,
  getTask,
  getTimer,
  invokeSchedule,
  invokeTask,
  invokeTimer,
  removeSchedule,
  removeTask,
  removeTimer,
  setScheduleConcurrency,
  setTaskConcurrency,
  testSchedule,
  testTimer,
  waitTask,
} from './functions.js';
export type { Lockable } from './locks.js';
export {
  globalLockable,
  lockObject,
  newLockable,
  newSemaphore,
  useMutex,
  useSemaphore,
} from './locks.js';
export type {
  ScheduleEvent,
  ScheduleFunction,
  ScheduleInfo,
  ScheduleOptions,
} from './schedules.js';
export type {
  RestoreStateOptions,
  SaveStateOptions,
  SetStateOptions,
  StateNamesOptions,
} from './state.js';
export {
  getState,
  getStateNames,
  removeState,
  restoreState,
  saveState,
  setState,
  testState,
} from './state.js';
export type { StateEntry, StateStore } from './store.js';
export { MemoryStateStore } from './store.js';
export type {
  InvokeTaskOptions,
  TaskEvent,
  TaskFunction,
  TaskHandle,
  TaskInfo,
  TaskOptions,
  WaitTaskOptions,
} from './tasks.js';
export { threadId } from './thread-id.js';
export type { TimerEvent, TimerFunction, TimerInfo, TimerOptions } from './timers.js';
