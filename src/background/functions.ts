/**
 * The free functions of timers, schedules and tasks (`Invoke-PodeTimer`, `Get-PodeSchedule`,
 * `Invoke-PodeTask`…): usable from any route, timer, schedule or task. Each acts on the server
 * being set up or running in this process.
 */
import { currentBackground } from './runtime.js';
import type { ScheduleFunction, ScheduleInfo, ScheduleOptions } from './schedules.js';
import {
  type InvokeTaskOptions,
  type TaskFunction,
  type TaskHandle,
  type TaskInfo,
  type TaskOptions,
  type WaitTaskOptions,
  waitForTask,
} from './tasks.js';
import type { TimerFunction, TimerInfo, TimerOptions } from './timers.js';

/**
 * Adds a timer from anywhere (`Add-PodeTimer` in a route): as `s.addTimer` during the set-up;
 * once the server runs, the timer runs in the process that added it.
 */
export function addTimer(
  name: string,
  options: TimerOptions,
  fn: TimerFunction,
  args: readonly unknown[] = [],
): void {
  const background = currentBackground();
  background.timers.add(name, options, fn, args, background.running);
}

/**
 * Adds a schedule from anywhere (`Add-PodeSchedule` in a route): as `s.addSchedule` during the
 * set-up; once the server runs, the schedule runs in the process that added it.
 */
export function addSchedule(
  name: string,
  cron: string | readonly string[],
  fn: ScheduleFunction,
  options: ScheduleOptions = {},
): void {
  const background = currentBackground();
  background.schedules.add(name, cron, fn, options, background.running);
}

/** Adds a task from anywhere (`Add-PodeTask`), as `s.addTask`. */
export function addTask(name: string, fn: TaskFunction, options: TaskOptions = {}): void {
  currentBackground().tasks.add(name, fn, options);
}

/** Runs a timer now, outside its interval and limit (`Invoke-PodeTimer`); `args` follow the timer's own. */
export function invokeTimer(name: string, args: readonly unknown[] = []): Promise<void> {
  return currentBackground().timers.invoke(name, args);
}

/** Removes a timer (`Remove-PodeTimer`); false when there was none. */
export function removeTimer(name: string): boolean {
  return currentBackground().timers.remove(name);
}

/** Removes every timer (`Clear-PodeTimers`). */
export function clearTimers(): void {
  currentBackground().timers.clear();
}

/** A timer's details (`Get-PodeTimer`), or undefined; with no name, every timer's. */
export function getTimer(name: string): TimerInfo | undefined;
export function getTimer(): TimerInfo[];
export function getTimer(name?: string): TimerInfo | TimerInfo[] | undefined {
  const timers = currentBackground().timers;
  return name === undefined ? timers.list() : timers.get(name);
}

/** True when a timer of this name exists (`Test-PodeTimer`). */
export function testTimer(name: string): boolean {
  return currentBackground().timers.has(name);
}

/** Changes a timer's interval, function or arguments (`Edit-PodeTimer`). */
export function editTimer(
  name: string,
  changes: { interval?: number; fn?: TimerFunction; args?: readonly unknown[] },
): void {
  currentBackground().timers.edit(name, changes);
}

/** Runs a schedule now, outside its cron times and limit (`Invoke-PodeSchedule`). */
export function invokeSchedule(name: string, args: Record<string, unknown> = {}): Promise<void> {
  return currentBackground().schedules.invoke(name, args);
}

/** Removes a schedule (`Remove-PodeSchedule`); false when there was none. */
export function removeSchedule(name: string): boolean {
  return currentBackground().schedules.remove(name);
}

/** Removes every schedule (`Clear-PodeSchedules`). */
export function clearSchedules(): void {
  currentBackground().schedules.clear();
}

/** A schedule's details with its next trigger time (`Get-PodeSchedule`); with no name, every schedule's. */
export function getSchedule(name: string): ScheduleInfo | undefined;
export function getSchedule(): ScheduleInfo[];
export function getSchedule(name?: string): ScheduleInfo | ScheduleInfo[] | undefined {
  const schedules = currentBackground().schedules;
  return name === undefined ? schedules.list() : schedules.get(name);
}

/** True when a schedule of this name exists (`Test-PodeSchedule`). */
export function testSchedule(name: string): boolean {
  return currentBackground().schedules.has(name);
}

/** The schedule's next trigger after `from` (default now) (`Get-PodeScheduleNextTrigger`). */
export function getScheduleNextTrigger(name: string, from?: Date): Date | undefined {
  return currentBackground().schedules.nextTrigger(name, from);
}

/** Changes a schedule's cron expressions, function or arguments (`Edit-PodeSchedule`). */
export function editSchedule(
  name: string,
  changes: {
    cron?: string | readonly string[];
    fn?: ScheduleFunction;
    args?: Record<string, unknown>;
  },
): void {
  currentBackground().schedules.edit(name, changes);
}

/** Starts a run of a task here and returns its handle at once (`Invoke-PodeTask`). */
export function invokeTask(
  name: string,
  args: Record<string, unknown> = {},
  options: InvokeTaskOptions = {},
): TaskHandle {
  return currentBackground().tasks.invoke(name, args, options);
}

/**
 * The result of a task run (`Wait-PodeTask`): rethrows its error, and throws
 * `PODE_ERR_TASK_TIMEOUT` when `timeout` seconds pass first.
 */
export function waitTask<T = unknown>(
  handle: TaskHandle,
  options: WaitTaskOptions = {},
): Promise<T> {
  return waitForTask(handle, options) as Promise<T>;
}

/** A task's details (`Get-PodeTask`); with no name, every task's. */
export function getTask(name: string): TaskInfo | undefined;
export function getTask(): TaskInfo[];
export function getTask(name?: string): TaskInfo | TaskInfo[] | undefined {
  const tasks = currentBackground().tasks;
  return name === undefined ? tasks.list() : tasks.get(name);
}

/** Removes a task (`Remove-PodeTask`); false when there was none. Runs under way finish. */
export function removeTask(name: string): boolean {
  return currentBackground().tasks.remove(name);
}

/** Removes every task (`Clear-PodeTasks`). */
export function clearTasks(): void {
  currentBackground().tasks.clear();
}

/** At most `max` schedule runs at once, from anywhere (`Set-PodeScheduleConcurrency`). */
export function setScheduleConcurrency(max: number): void {
  currentBackground().schedules.setConcurrency(max);
}

/** At most `max` task attempts at once, from anywhere (`Set-PodeTaskConcurrency`). */
export function setTaskConcurrency(max: number): void {
  currentBackground().tasks.setConcurrency(max);
}
