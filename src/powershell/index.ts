/**
 * `pode-ts/powershell`: PowerShell's semantics for code ported from Pode scripts by
 * `pode-ts port`, where they differ from JavaScript's: comparisons and wildcards, regular
 * expressions, `-f` formatting, truthiness and casts, arithmetic on strings, arrays and
 * hashtables, JSON, the pipeline cmdlets, files and .NET calls. Nothing here is loaded by the
 * root `pode-ts` import. See docs/powershell-runtime.md.
 */
export { add, divide, mod, multiply } from './arithmetic.js';
export {
  boolResult,
  count,
  toArray,
  toBool,
  toDate,
  toDouble,
  toGuid,
  toInt,
  toLong,
  truthy,
} from './casts.js';
export type {
  GroupInfo,
  MeasureInfo,
  MeasureObjectOptions,
  PropertySpec,
  SelectObjectOptions,
  SortObjectOptions,
} from './collections.js';
export {
  forEachObject,
  groupObject,
  measureObject,
  selectObject,
  sortObject,
  whereObject,
} from './collections.js';
export type { Scalar } from './compare.js';
export { contains, eq, ge, gt, isIn, le, lt, ne, notContains, notIn } from './compare.js';
export type { FormatDateOptions, GetDateOptions } from './dates.js';
export { formatDate, getDate } from './dates.js';
export {
  dateTimeParse,
  mathAbs,
  mathCeiling,
  mathFloor,
  mathMax,
  mathMin,
  mathPow,
  mathRound,
  mathSqrt,
  mathTruncate,
  newGuid,
} from './dotnet.js';
export { PowerShellError } from './errors.js';
export type {
  ChildItem,
  GetChildItemOptions,
  NewItemOptions,
  RemoveItemOptions,
  TestPathOptions,
} from './files.js';
export {
  addContent,
  fileExists,
  fileReadAllText,
  fileWriteAllText,
  getChildItem,
  getContent,
  joinPath,
  newItem,
  outFile,
  pathCombine,
  pathGetDirectoryName,
  pathGetExtension,
  pathGetFileName,
  pathGetFileNameWithoutExtension,
  pathGetRandomFileName,
  removeItem,
  setContent,
  testPath,
} from './files.js';
export { format } from './format.js';
export type { AddMemberOptions } from './items.js';
export { addMember, containsKey, itemsAt, range } from './items.js';
export type { ConvertFromJsonOptions, ConvertToJsonOptions } from './json.js';
export { convertFromJson, convertToJson } from './json.js';
export type { PodeLogEvent, PodeLogItem } from './logging.js';
export { podeLogMethod, podeLogType } from './logging.js';
export type { GetCommandOptions } from './native.js';
export { getCommand, invokeNative, stripAnsi } from './native.js';
export type { WritePodeHostOptions } from './output.js';
export {
  outString,
  setVerbosePreference,
  writeError,
  writeHost,
  writePodeHost,
  writeVerbose,
  writeWarning,
} from './output.js';
export { dateTimeParseExact } from './parse-exact.js';
export { getProcess, type ProcessInfo } from './processes.js';
export type { MatchTable, ReplaceCallback, ReplaceMatch } from './regex.js';
export { match, matchOne, notMatch, replace, split } from './regex.js';
export { DotNetUri, requestUri } from './request.js';
export type { InvokeRestMethodOptions } from './rest.js';
export { invokeRestMethod } from './rest.js';
export { getPowerShellRoot, setPowerShellRoot } from './root.js';
export { isNullOrEmpty, isNullOrWhiteSpace, join } from './strings.js';
export type { TimeSpan } from './timespan.js';
export { dateDifference, dayOfWeek } from './timespan.js';
export type { GetRandomOptions } from './utility.js';
export { getRandom, startSleep } from './utility.js';
export { toPsString } from './values.js';
export { like, notLike } from './wildcard.js';
