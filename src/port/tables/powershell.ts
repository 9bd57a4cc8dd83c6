/**
 * PowerShell as data: cmdlets → `pode-ts/powershell` helpers, operators → helpers or JavaScript,
 * casts, and automatic variables. The emitter reads these; it holds no names of its own.
 */

/** A PowerShell cmdlet translated to a runtime helper call. */
export interface CmdletMapping {
  /** the helper in pode-ts/powershell, or an inline template with {Param} holes */
  helper?: string;
  template?: string;
  /** the parameter that takes pipeline input */
  input?: string;
  /** parameters passed as positional helper arguments, in order */
  args?: string[];
  /** the rest: parameter → option key */
  options?: Record<string, string>;
  /** positional binding order (PowerShell's positions) */
  positional?: string[];
  /** switch parameters */
  switches?: string[];
  /** parameters that take a value although their option key is a switch elsewhere (`-Maximum 10`) */
  values?: string[];
  /** the first argument is a script block (Where-Object, ForEach-Object) */
  block?: string;
  /** spread the rest of the positional values (Write-Host a b c) */
  rest?: boolean;
  await?: boolean;
  result?: 'string' | 'number' | 'boolean' | 'date' | 'any' | 'void' | 'array' | 'object';
}

/** Cmdlets route bodies use, by PowerShell's spelling. */
export const powershellCmdlets: Record<string, CmdletMapping> = {
  'Write-Host': {
    helper: 'writeHost',
    input: 'Object',
    args: ['Object'],
    positional: ['Object'],
    rest: true,
    switches: ['NoNewline'],
    options: {},
    result: 'void',
  },
  'Write-Output': {
    helper: 'writeHost',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    rest: true,
    result: 'void',
  },
  'Out-Default': {
    helper: 'writeHost',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    result: 'void',
  },
  'Out-Host': {
    helper: 'writeHost',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    result: 'void',
  },
  'Write-Verbose': {
    helper: 'writeVerbose',
    input: 'Message',
    args: ['Message'],
    positional: ['Message'],
    result: 'void',
  },
  'Write-Warning': {
    helper: 'writeWarning',
    input: 'Message',
    args: ['Message'],
    positional: ['Message'],
    result: 'void',
  },
  'Write-Error': {
    helper: 'writeError',
    args: ['Message'],
    positional: ['Message'],
    result: 'void',
  },
  'Write-Debug': {
    helper: 'writeVerbose',
    args: ['Message'],
    positional: ['Message'],
    result: 'void',
  },
  'ConvertTo-Json': {
    helper: 'convertToJson',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    options: { Depth: 'depth', Compress: 'compress', AsArray: 'asArray' },
    switches: ['Compress', 'AsArray'],
    result: 'string',
  },
  'ConvertFrom-Json': {
    helper: 'convertFromJson',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    options: { AsHashtable: 'asHashtable' },
    switches: ['AsHashtable'],
    result: 'any',
  },
  // Linux: read from /proc (Name, Id, WS, CPU), src/powershell/processes.ts
  'Get-Process': {
    helper: 'getProcess',
    options: { Name: 'name', Id: 'id' },
    result: 'array',
  },
  'Get-Date': {
    helper: 'getDate',
    positional: ['Date'],
    options: { Date: 'date', Format: 'format', UFormat: 'uFormat' },
    result: 'any',
  },
  'Select-Object': {
    helper: 'selectObject',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['Property'],
    options: {
      First: 'first',
      Last: 'last',
      Skip: 'skip',
      Property: 'property',
      ExpandProperty: 'expandProperty',
      Unique: 'unique',
    },
    switches: ['Unique'],
    result: 'any',
  },
  'Sort-Object': {
    helper: 'sortObject',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['Property'],
    options: {
      Property: 'property',
      Descending: 'descending',
      Unique: 'unique',
      CaseSensitive: 'caseSensitive',
    },
    switches: ['Descending', 'Unique', 'CaseSensitive'],
    result: 'array',
  },
  'Group-Object': {
    helper: 'groupObject',
    input: 'InputObject',
    args: ['InputObject', 'Property'],
    positional: ['Property'],
    result: 'array',
  },
  'Measure-Object': {
    helper: 'measureObject',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['Property'],
    options: {
      Property: 'property',
      Sum: 'sum',
      Average: 'average',
      Maximum: 'maximum',
      Minimum: 'minimum',
    },
    switches: ['Sum', 'Average', 'Maximum', 'Minimum'],
    // one object (Count, Sum…), never unwrapped
    result: 'object',
  },
  'Where-Object': {
    helper: 'whereObject',
    input: 'InputObject',
    block: 'FilterScript',
    positional: ['FilterScript'],
    result: 'array',
  },
  'ForEach-Object': {
    helper: 'forEachObject',
    input: 'InputObject',
    block: 'Process',
    positional: ['Process'],
    result: 'array',
  },
  'Join-Path': {
    helper: 'joinPath',
    args: ['Path', 'ChildPath', 'AdditionalChildPath'],
    positional: ['Path', 'ChildPath', 'AdditionalChildPath'],
    rest: true,
    result: 'string',
  },
  'Test-Path': {
    helper: 'testPath',
    args: ['Path'],
    positional: ['Path'],
    options: { PathType: 'pathType' },
    result: 'boolean',
  },
  'Get-Content': {
    helper: 'getContent',
    args: ['Path'],
    positional: ['Path'],
    options: { Raw: 'raw' },
    // -Force only adds hidden files, which Node reads anyway
    switches: ['Raw', 'Force'],
    result: 'any',
  },
  'Set-Content': {
    helper: 'setContent',
    input: 'Value',
    args: ['Path', 'Value'],
    positional: ['Path', 'Value'],
    result: 'void',
  },
  'Add-Content': {
    helper: 'addContent',
    input: 'Value',
    args: ['Path', 'Value'],
    positional: ['Path', 'Value'],
    result: 'void',
  },
  'Out-File': {
    helper: 'outFile',
    input: 'InputObject',
    args: ['FilePath', 'InputObject'],
    positional: ['FilePath'],
    options: { Append: 'append' },
    switches: ['Append', 'Force', 'NoNewline'],
    result: 'void',
  },
  'Remove-Item': {
    helper: 'removeItem',
    args: ['Path'],
    positional: ['Path'],
    options: { Recurse: 'recurse', Force: 'force' },
    switches: ['Recurse', 'Force'],
    result: 'void',
  },
  'New-Item': {
    helper: 'newItem',
    args: ['Path'],
    positional: ['Path', 'Value'],
    options: { ItemType: 'itemType', Value: 'value', Force: 'force' },
    switches: ['Force'],
    result: 'object',
  },
  'Get-ChildItem': {
    helper: 'getChildItem',
    args: ['Path'],
    positional: ['Path', 'Filter'],
    options: { Filter: 'filter', Recurse: 'recurse', File: 'file', Directory: 'directory' },
    switches: ['Recurse', 'File', 'Directory', 'Force'],
    result: 'array',
  },
  // translated by features/script-paths.ts to node:path
  'Split-Path': {
    helper: '',
    input: 'Path',
    args: ['Path', 'LiteralPath'],
    positional: ['Path'],
    switches: [
      'Parent',
      'Leaf',
      'LeafBase',
      'Extension',
      'IsAbsolute',
      'Qualifier',
      'NoQualifier',
      'Resolve',
    ],
    result: 'string',
  },
  'New-Guid': { helper: 'newGuid', result: 'string' },
  // both spellings give (object, name, value): the absent pair is skipped
  'Add-Member': {
    helper: 'addMember',
    input: 'InputObject',
    args: ['InputObject', 'NotePropertyName', 'NotePropertyValue', 'Name', 'Value'],
    options: { MemberType: 'memberType', Force: 'force', PassThru: 'passThru' },
    switches: ['Force', 'PassThru'],
    result: 'any',
  },
  'Get-Random': {
    helper: 'getRandom',
    input: 'InputObject',
    positional: ['Maximum'],
    options: { Minimum: 'minimum', Maximum: 'maximum', InputObject: 'inputObject', Count: 'count' },
    values: ['Minimum', 'Maximum'],
    result: 'any',
  },
  // Pode's own host and sleep helpers, usable anywhere (docs/porting.md)
  'Write-PodeHost': {
    helper: 'writePodeHost',
    input: 'Object',
    args: ['Object'],
    positional: ['Object'],
    switches: ['NoNewLine', 'Explode', 'ShowType'],
    options: {
      NoNewLine: 'noNewLine',
      Explode: 'explode',
      Label: 'label',
      ShowType: 'showType',
    },
    result: 'void',
  },
  'Invoke-RestMethod': {
    helper: 'invokeRestMethod',
    args: ['Uri'],
    positional: ['Uri'],
    options: {
      Method: 'method',
      Body: 'body',
      ContentType: 'contentType',
      Headers: 'headers',
    },
    await: true,
    result: 'any',
  },
  'Out-PodeHost': {
    helper: 'writeHost',
    input: 'InputObject',
    args: ['InputObject'],
    positional: ['InputObject'],
    result: 'void',
  },
  'Start-PodeSleep': {
    helper: 'startSleep',
    positional: ['Seconds'],
    options: { Seconds: 'seconds', Milliseconds: 'milliseconds' },
    await: true,
    result: 'void',
  },
  'Start-Sleep': {
    helper: 'startSleep',
    positional: ['Seconds'],
    options: { Seconds: 'seconds', Milliseconds: 'milliseconds' },
    await: true,
    result: 'void',
  },
};

/** Comparison operators → runtime helpers; the `c` forms pass caseSensitive, the `i` forms not. */
export const comparisonOperators: Record<string, string> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
  like: 'like',
  notlike: 'notLike',
  match: 'match',
  notmatch: 'notMatch',
  contains: 'contains',
  notcontains: 'notContains',
  in: 'isIn',
  notin: 'notIn',
  replace: 'replace',
  split: 'split',
};

/** Comparison operators JavaScript can do exactly on numbers. */
export const numericOperators: Record<string, string> = {
  eq: '===',
  ne: '!==',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/** Casts `[type]$x` → helper (or `value`: the expression unchanged). */
export const casts: Record<string, { helper?: string; result: string }> = {
  int: { helper: 'toInt', result: 'number' },
  int32: { helper: 'toInt', result: 'number' },
  'system.int32': { helper: 'toInt', result: 'number' },
  long: { helper: 'toLong', result: 'number' },
  int64: { helper: 'toLong', result: 'number' },
  double: { helper: 'toDouble', result: 'number' },
  decimal: { helper: 'toDouble', result: 'number' },
  float: { helper: 'toDouble', result: 'number' },
  single: { helper: 'toDouble', result: 'number' },
  string: { helper: 'toPsString', result: 'string' },
  'system.string': { helper: 'toPsString', result: 'string' },
  bool: { helper: 'truthy', result: 'boolean' },
  boolean: { helper: 'truthy', result: 'boolean' },
  switch: { helper: 'truthy', result: 'boolean' },
  datetime: { helper: 'toDate', result: 'date' },
  'system.datetime': { helper: 'toDate', result: 'date' },
  guid: { helper: 'toGuid', result: 'string' },
  array: { helper: 'toArray', result: 'array' },
  'object[]': { helper: 'toArray', result: 'array' },
  'string[]': { helper: 'toArray', result: 'array' },
  'int[]': { helper: 'toArray', result: 'array' },
  ordered: { result: 'value' },
  pscustomobject: { result: 'value' },
  hashtable: { result: 'value' },
  object: { result: 'value' },
  psobject: { result: 'value' },
  void: { result: 'void' },
};

/** Variables PowerShell provides, → JavaScript. `{root}` is the script's folder expression. */
export const automaticVariables: Record<string, { js: string; type: string }> = {
  true: { js: 'true', type: 'boolean' },
  false: { js: 'false', type: 'boolean' },
  null: { js: 'null', type: 'null' },
  psscriptroot: { js: '{root}', type: 'string' },
  pscommandpath: { js: '{script}', type: 'string' },
  pwd: { js: 'process.cwd()', type: 'string' },
  pid: { js: 'process.pid', type: 'number' },
};
