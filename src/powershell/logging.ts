/**
 * Pode's log script blocks, called as Pode calls them, for code ported by `pode-ts port`: the
 * arguments a custom log method's and a log type's `-ScriptBlock` get depend on their `-Version`.
 */
import type { LogItem, LogLevel } from '../logging/methods.js';

/** Pode's log event (`PodeLogEvent`), as a version 2 script block sees it. */
export interface PodeLogEvent {
  Type: { Name: string };
  Level: LogLevel;
  Timestamp: Date;
  Metadata: Record<string, unknown>;
  Data: unknown;
}

/** Pode's log item (`PodeLogItem`), as a version 2 log method sees it. */
export interface PodeLogItem {
  /** The transformed item (what the log type's script block returned). */
  Data: unknown;
  Event: PodeLogEvent;
}

function logEvent(name: string, level: LogLevel, date: Date, data: unknown): PodeLogEvent {
  return { Type: { Name: name }, Level: level, Timestamp: date, Metadata: {}, Data: data };
}

/**
 * `New-PodeLogCustomMethod -ScriptBlock { … } [-ArgumentList …] [-Version 1|2]`: a function for
 * `newLogCustomMethod` that calls `fn` as Pode does. Version 1 (Pode's default): the transformed
 * items, then the arguments, then the raw items; version 2: Pode's log items (`.Data` the
 * transformed item, `.Event` the log event), then the arguments.
 */
export function podeLogMethod(
  fn: (...args: never[]) => unknown,
  version: 1 | 2 = 1,
  argumentList: readonly unknown[] = [],
): (items: readonly LogItem[]) => Promise<void> {
  const call = fn as (...args: unknown[]) => unknown;
  return async (items) => {
    if (version === 2) {
      const podeItems: PodeLogItem[] = items.map((item) => ({
        Data: item.value,
        Event: logEvent(item.name, item.level, item.date, item.data),
      }));
      await call(podeItems, ...argumentList);
      return;
    }
    await call(
      items.map((item) => item.value),
      ...argumentList,
      items.map((item) => item.data),
    );
  };
}

/**
 * `Add-PodeLogType -ScriptBlock { … } [-ArgumentList …] [-Version 1|2]`: a `format` for
 * `s.addLogType` that calls `fn` as Pode does. Version 1 (Pode's default): the logged data, then
 * the arguments; version 2: the log event (`.Data`, `.Level`, `.Timestamp`, `.Type.Name`), then
 * the arguments. `name` is the log type's name.
 */
export function podeLogType(
  fn: (...args: never[]) => unknown,
  name: string,
  version: 1 | 2 = 1,
  argumentList: readonly unknown[] = [],
): (input: unknown, level: LogLevel) => unknown {
  const call = fn as (...args: unknown[]) => unknown;
  return (input, level) =>
    version === 2
      ? call(logEvent(name, level, new Date(), input), ...argumentList)
      : call(input, ...argumentList);
}
