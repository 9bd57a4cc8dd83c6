/**
 * .NET as data: static members (`[Type]::Member`), and instance members and methods, → JavaScript
 * or `pode-ts/powershell` helpers. Templates: `{0}`, `{1}` are the arguments, `{this}` the object,
 * `{args}` every argument; a leading `ps:` names a helper to import.
 */

/** A translation: a template and the type of what it gives. */
export interface MemberMapping {
  js: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'any' | 'array' | 'void';
  /** helpers of pode-ts/powershell the template calls */
  helpers?: string[];
}

/** `[Type]::Member` and `[Type]::Method(…)`, by lower-case type (without `System.`) and member. */
export const staticMembers: Record<string, Record<string, MemberMapping>> = {
  datetime: {
    now: { js: 'new Date()', type: 'date' },
    utcnow: { js: 'new Date()', type: 'date' },
    parse: { js: 'dateTimeParse({0})', type: 'date', helpers: ['dateTimeParse'] },
    parseexact: {
      js: 'dateTimeParseExact({0}, {1})',
      type: 'date',
      helpers: ['dateTimeParseExact'],
    },
  },
  'collections.arraylist': { new: { js: '[]', type: 'array' } },
  // PowerShell 7.2's ANSI-aware string: `.ToString('PlainText')` on it is the text without escapes
  'management.automation.internal.stringdecorated': {
    new: { js: 'stripAnsi({0})', type: 'string', helpers: ['stripAnsi'] },
  },
  'collections.hashtable': { new: { js: '{}', type: 'any' } },
  guid: {
    newguid: { js: 'newGuid()', type: 'string', helpers: ['newGuid'] },
  },
  math: {
    round: { js: 'mathRound({args})', type: 'number', helpers: ['mathRound'] },
    floor: { js: 'mathFloor({0})', type: 'number', helpers: ['mathFloor'] },
    ceiling: { js: 'mathCeiling({0})', type: 'number', helpers: ['mathCeiling'] },
    abs: { js: 'mathAbs({0})', type: 'number', helpers: ['mathAbs'] },
    max: { js: 'mathMax({0}, {1})', type: 'number', helpers: ['mathMax'] },
    min: { js: 'mathMin({0}, {1})', type: 'number', helpers: ['mathMin'] },
    pow: { js: 'mathPow({0}, {1})', type: 'number', helpers: ['mathPow'] },
    sqrt: { js: 'mathSqrt({0})', type: 'number', helpers: ['mathSqrt'] },
    pi: { js: 'Math.PI', type: 'number' },
  },
  'io.file': {
    readalltext: { js: 'fileReadAllText({0})', type: 'string', helpers: ['fileReadAllText'] },
    writealltext: { js: 'fileWriteAllText({0}, {1})', type: 'void', helpers: ['fileWriteAllText'] },
    exists: { js: 'fileExists({0})', type: 'boolean', helpers: ['fileExists'] },
  },
  'io.path': {
    combine: { js: 'pathCombine({args})', type: 'string', helpers: ['pathCombine'] },
    getfilename: { js: 'pathGetFileName({0})', type: 'string', helpers: ['pathGetFileName'] },
    getextension: { js: 'pathGetExtension({0})', type: 'string', helpers: ['pathGetExtension'] },
    getfilenamewithoutextension: {
      js: 'pathGetFileNameWithoutExtension({0})',
      type: 'string',
      helpers: ['pathGetFileNameWithoutExtension'],
    },
    getdirectoryname: {
      js: 'pathGetDirectoryName({0})',
      type: 'string',
      helpers: ['pathGetDirectoryName'],
    },
    getrandomfilename: {
      js: 'pathGetRandomFileName()',
      type: 'string',
      helpers: ['pathGetRandomFileName'],
    },
  },
  int: {
    parse: { js: 'toInt({0})', type: 'number', helpers: ['toInt'] },
    maxvalue: { js: '2147483647', type: 'number' },
    minvalue: { js: '-2147483648', type: 'number' },
  },
  int32: {
    parse: { js: 'toInt({0})', type: 'number', helpers: ['toInt'] },
  },
  double: { parse: { js: 'toDouble({0})', type: 'number', helpers: ['toDouble'] } },
  string: {
    isnullorwhitespace: {
      js: 'isNullOrWhiteSpace({0})',
      type: 'boolean',
      helpers: ['isNullOrWhiteSpace'],
    },
    isnullorempty: { js: 'isNullOrEmpty({0})', type: 'boolean', helpers: ['isNullOrEmpty'] },
    join: { js: 'join({1}, {0})', type: 'string', helpers: ['join'] },
    empty: { js: "''", type: 'string' },
    format: { js: 'format({args})', type: 'string', helpers: ['format'] },
  },
  environment: {
    newline: { js: "'\\n'", type: 'string' },
    machinename: { js: 'hostname()', type: 'string' },
  },
};

/** Instance methods by lower-case name, when the receiver is a string (or unknown). */
export const instanceMethods: Record<string, MemberMapping> = {
  toupper: { js: '{this}.toUpperCase()', type: 'string' },
  toupperinvariant: { js: '{this}.toUpperCase()', type: 'string' },
  tolower: { js: '{this}.toLowerCase()', type: 'string' },
  tolowerinvariant: { js: '{this}.toLowerCase()', type: 'string' },
  trim: { js: '{this}.trim()', type: 'string' },
  trimstart: { js: '{this}.trimStart()', type: 'string' },
  trimend: { js: '{this}.trimEnd()', type: 'string' },
  startswith: { js: '{this}.startsWith({0})', type: 'boolean' },
  endswith: { js: '{this}.endsWith({0})', type: 'boolean' },
  contains: { js: '{this}.includes({0})', type: 'boolean' },
  indexof: { js: '{this}.indexOf({0})', type: 'number' },
  replace: { js: '{this}.replaceAll({0}, {1})', type: 'string' },
  substring: { js: 'substring', type: 'string' },
  padleft: { js: '{this}.padStart({args})', type: 'string' },
  padright: { js: '{this}.padEnd({args})', type: 'string' },
  containskey: { js: 'containsKey({this}, {0})', type: 'boolean', helpers: ['containsKey'] },
  getenumerator: { js: 'Object.entries({this})', type: 'array' },
  adddays: { js: 'new Date({this}.getTime() + {0} * 86400000)', type: 'date' },
  addhours: { js: 'new Date({this}.getTime() + {0} * 3600000)', type: 'date' },
  addminutes: { js: 'new Date({this}.getTime() + {0} * 60000)', type: 'date' },
  addseconds: { js: 'new Date({this}.getTime() + {0} * 1000)', type: 'date' },
  addmilliseconds: { js: 'new Date({this}.getTime() + {0})', type: 'date' },
};

/** Instance properties by lower-case name. */
export const instanceProperties: Record<string, MemberMapping> = {
  length: { js: '{this}.length', type: 'number' },
  count: { js: 'count({this})', type: 'number', helpers: ['count'] },
  keys: { js: 'Object.keys({this})', type: 'array' },
  values: { js: 'Object.values({this})', type: 'array' },
};

/** Properties of a date (a value the emitter knows is a Date), by lower-case name. */
export const dateProperties: Record<string, MemberMapping> = {
  year: { js: '{this}.getFullYear()', type: 'number' },
  month: { js: '({this}.getMonth() + 1)', type: 'number' },
  day: { js: '{this}.getDate()', type: 'number' },
  hour: { js: '{this}.getHours()', type: 'number' },
  minute: { js: '{this}.getMinutes()', type: 'number' },
  second: { js: '{this}.getSeconds()', type: 'number' },
  millisecond: { js: '{this}.getMilliseconds()', type: 'number' },
  dayofweek: { js: 'dayOfWeek({this})', type: 'string', helpers: ['dayOfWeek'] },
  date: {
    js: 'new Date({this}.getFullYear(), {this}.getMonth(), {this}.getDate())',
    type: 'date',
  },
};
