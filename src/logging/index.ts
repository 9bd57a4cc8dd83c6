/** Pode's logging API: log methods, log types, `writeLog` and `writeErrorLog`. */

export {
  type LogErrorOptions,
  type LogRequestOptions,
  type LogTypeOptions,
  type WriteLogOptions,
  writeErrorLog,
  writeLog,
} from './logs.js';
export {
  LOG_LEVELS,
  type LogBatchInfo,
  type LogFileOptions,
  type LogItem,
  type LogLevel,
  type LogMethod,
  type LogMethodOptions,
  newLogBatchInfo,
  newLogCustomMethod,
  newLogFileMethod,
  newLogTerminalMethod,
} from './methods.js';
