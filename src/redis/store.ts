/**
 * `RedisStore`: sessions kept in Redis, shared by every process and machine that uses the same
 * Redis and the same secret. A record is stored as its JSON under `<prefix><id>` with a TTL equal
 * to its remaining lifetime. Saves of a stored session go through one Lua script that applies
 * the request's top-level changes to the record as it is in Redis at that moment, so the
 * concurrency guarantees of the session middleware hold across processes.
 */
import type { Cluster, Redis } from 'ioredis';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { SessionChange } from '../sessions/session.js';
import {
  kOwnCallTimeout,
  type SessionRecord,
  type SessionStore,
  settleWithin,
} from '../sessions/store.js';

/** `new RedisStore(options)`. */
export interface RedisStoreOptions {
  /** An ioredis client (`new Redis(url)`, or a `Cluster`). The store never closes it. */
  client: Redis | Cluster;
  /** Prepended to every session id to make its key. Default `'pode:sess:'`. */
  prefix?: string;
  /** Milliseconds a Redis command may take before the call fails (503). Default 2000. */
  timeoutMs?: number;
  /**
   * How many of this store's commands may be unanswered by Redis at once (timed-out ones
   * included: ioredis keeps a command until Redis answers it); past it, calls fail at once (503)
   * without sending anything, so a hanging Redis cannot grow the heap. Default 1000.
   */
  maxPending?: number;
}

const OPTION_KEYS = optionKeys<RedisStoreOptions>({
  client: true,
  prefix: true,
  timeoutMs: true,
  maxPending: true,
});

const UPDATE_COMMAND = 'podeSessionUpdate';
const UPDATE_TAB_COMMAND = 'podeSessionUpdateTab';
const SET_TAB_COMMAND = 'podeSessionSetTab';
const CHILDREN_COMMAND = 'podeSessionChildren';

type UpdateCommand = (key: string, ...args: (string | number)[]) => Promise<number>;
type KeysCommand = (...args: (string | number)[]) => Promise<unknown>;

/** A session store on Redis (ioredis). Create the client yourself; `stop()` leaves it open. */
export class RedisStore implements SessionStore {
  /** The key prefix. */
  readonly prefix: string;
  /** The per-command timeout in milliseconds. */
  readonly timeoutMs: number;
  /** How many commands may be unanswered at once before calls fail at once. */
  readonly maxPending: number;
  readonly #client: Redis | Cluster;
  readonly #update: UpdateCommand;
  readonly #updateTab: KeysCommand;
  readonly #setTab: KeysCommand;
  readonly #children: KeysCommand;
  /** A Redis Cluster: a record and its session's tab list may sit on different nodes (no index). */
  readonly #cluster: boolean;
  #pending = 0;

  constructor(options: RedisStoreOptions) {
    const client = options?.client as unknown;
    if (!isRedisClient(client)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'RedisStore needs an ioredis client in its client option.',
        "Pass new RedisStore({ client: new Redis('redis://127.0.0.1:6379') }) with Redis from 'ioredis'.",
      );
    }
    rejectUnknownKeys('new RedisStore()', options, OPTION_KEYS);
    const prefix = options.prefix ?? 'pode:sess:';
    if (typeof prefix !== 'string') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The RedisStore prefix must be a string, but got: ${typeof prefix}`,
      );
    }
    const timeoutMs = options.timeoutMs ?? 2_000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The RedisStore timeoutMs must be a whole number of 1 or more, but got: ${String(timeoutMs)}`,
      );
    }
    const maxPending = options.maxPending ?? 1_000;
    if (!Number.isInteger(maxPending) || maxPending < 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The RedisStore maxPending must be a whole number of 1 or more, but got: ${String(maxPending)}`,
      );
    }
    this.prefix = prefix;
    this.timeoutMs = timeoutMs;
    this.maxPending = maxPending;
    this.#client = client;
    warnAboutClientSettings(client, timeoutMs);
    // ioredis sends the script by EVALSHA and loads it once when Redis does not know it yet.
    client.defineCommand(UPDATE_COMMAND, { numberOfKeys: 1, lua: UPDATE_SCRIPT });
    const command = (client as unknown as Record<string, UpdateCommand>)[UPDATE_COMMAND];
    this.#update = command.bind(client);
    // Tab records: each session's tab record keys sit in a sorted set `<prefix><id>:tabs` (scored
    // by their last save), written in the same script as the record.
    client.defineCommand(UPDATE_TAB_COMMAND, { numberOfKeys: 2, lua: UPDATE_SCRIPT });
    client.defineCommand(SET_TAB_COMMAND, { numberOfKeys: 2, lua: SET_TAB_SCRIPT });
    client.defineCommand(CHILDREN_COMMAND, { numberOfKeys: 1, lua: CHILDREN_SCRIPT });
    const commands = client as unknown as Record<string, KeysCommand>;
    this.#updateTab = commands[UPDATE_TAB_COMMAND].bind(client);
    this.#setTab = commands[SET_TAB_COMMAND].bind(client);
    this.#children = commands[CHILDREN_COMMAND].bind(client);
    this.#cluster = (client as { isCluster?: unknown }).isCluster === true;
  }

  /**
   * @internal How long any call of this store can take (the session middleware then adds no timer
   * of its own): `timeoutMs`, unless a subclass replaced a method, which may do more than one
   * bounded Redis command.
   */
  get [kOwnCallTimeout](): number | undefined {
    const own = RedisStore.prototype;
    const unchanged =
      this.get === own.get &&
      this.set === own.set &&
      this.update === own.update &&
      this.delete === own.delete &&
      this.children === own.children;
    return unchanged ? this.timeoutMs : undefined;
  }

  /** How many of this store's commands Redis has not answered yet (timed-out ones included). */
  get pending(): number {
    return this.#pending;
  }

  /** The record stored for `id`, or null when there is none (or it is not valid JSON). */
  async get(id: string): Promise<SessionRecord | null> {
    const text = await this.#run(() => this.#client.get(this.prefix + id));
    if (text === null) return null;
    try {
      return JSON.parse(text) as SessionRecord;
    } catch {
      return null;
    }
  }

  /** Stores `record` as JSON with a TTL of the seconds left until `expiry` (deleted if none are left). */
  async set(id: string, record: SessionRecord, expiry: Date): Promise<void> {
    const key = this.prefix + id;
    const ttl = secondsUntil(expiry);
    if (ttl <= 0) {
      await this.#run(() => this.#client.del(key));
      return;
    }
    const parent = record.metadata?.parent;
    if (typeof parent === 'string' && !this.#cluster) {
      const json = JSON.stringify(record);
      await this.#run(() => this.#setTab(key, this.#tabsKey(parent), json, ttl));
      return;
    }
    await this.#run(() => this.#client.set(key, JSON.stringify(record), 'EX', ttl));
  }

  /** Deletes the record for `id` (and its list of tab records). */
  async delete(id: string): Promise<void> {
    const key = this.prefix + id;
    if (this.#cluster) await this.#run(() => this.#client.del(key));
    else await this.#run(() => this.#client.del(key, this.#tabsKey(id)));
  }

  /**
   * The ids of the tab records of session `parentId`, the one saved longest ago first (keys that
   * expired or were deleted are dropped from the list on the way). Null with a Redis Cluster,
   * where a record and the list may live on different nodes.
   */
  async children(parentId: string): Promise<string[] | null> {
    if (this.#cluster) return null;
    const keys = await this.#run(() => this.#children(this.#tabsKey(parentId)));
    if (!Array.isArray(keys)) return [];
    const start = this.prefix.length;
    return keys.map((key) => String(key).slice(start));
  }

  #tabsKey(parentId: string): string {
    // ':' cannot appear in a session id, and a tab key ends in ':tab:<tab id>', so this key never
    // names a record.
    return `${this.prefix}${parentId}:tabs`;
  }

  /**
   * Applies top-level changes, new metadata and a new TTL to the stored record in one atomic
   * step (a Lua script); false when the record is gone, which is then left gone. Values that are
   * not changed are kept as the exact JSON text Redis holds.
   */
  async update(
    id: string,
    change: SessionChange,
    metadata: SessionRecord['metadata'],
    expiry: Date,
  ): Promise<boolean> {
    const key = this.prefix + id;
    const ttl = secondsUntil(expiry);
    if (ttl <= 0) {
      await this.#run(() => this.#client.del(key));
      return false;
    }
    const unset = change.unset.map((name) => JSON.stringify(name));
    const pairs: string[] = [];
    for (const name of Object.keys(change.set)) {
      const json = JSON.stringify(change.set[name]);
      // Like JSON.stringify of the whole record: a value JSON cannot hold drops its key.
      if (json === undefined) unset.push(JSON.stringify(name));
      else pairs.push(JSON.stringify(name), json);
    }
    const meta = JSON.stringify(metadata);
    const parent = metadata.parent;
    const applied = await this.#run(() =>
      typeof parent === 'string' && !this.#cluster
        ? (this.#updateTab(
            key,
            this.#tabsKey(parent),
            meta,
            ttl,
            unset.length,
            ...unset,
            ...pairs,
          ) as Promise<number>)
        : this.#update(key, meta, ttl, unset.length, ...unset, ...pairs),
    );
    return applied === 1;
  }

  // Fails at once while the client knows Redis is down (no command queued for later), and
  // bounds every command by timeoutMs (a Redis that hangs must not hang the request). A command
  // that timed out stays in ioredis's queue until Redis answers, holding its arguments and the
  // request's async context: past maxPending unanswered commands, calls fail without sending.
  #run<T>(command: () => Promise<T>): Promise<T> {
    const status = this.#client.status;
    if (status === 'end') {
      return Promise.reject(
        new Error(
          'The Redis client was closed (quit or disconnect): the session store cannot use it.',
        ),
      );
    }
    if (status === 'reconnecting' || status === 'close' || status === 'disconnecting') {
      return Promise.reject(new Error(`Redis is unreachable (the client is ${status}).`));
    }
    if (this.#pending >= this.maxPending && !this.#countIsStale()) {
      return Promise.reject(
        new Error(
          `Redis has not answered ${this.#pending} commands of this store (maxPending ${this.maxPending}): it is too slow or hangs.`,
        ),
      );
    }
    const sent = command();
    this.#pending++;
    const timeoutMs = this.timeoutMs;
    return settleWithin(
      sent,
      timeoutMs,
      () => new Error(`Redis did not answer within ${timeoutMs} ms.`),
      undefined,
      this.#answered,
    );
  }

  // One function per store, not one per call.
  readonly #answered = (): void => {
    if (this.#pending > 0) this.#pending--;
  };

  // With autoResendUnfulfilledCommands: false and no commandTimeout, ioredis drops the commands
  // of a lost connection without ever settling them. When the count is full but the client holds
  // no command at all, the count is stale: start again from zero (checked only at the cap).
  #countIsStale(): boolean {
    const queues = this.#client as unknown as {
      commandQueue?: { length: number };
      offlineQueue?: { length: number };
    };
    if (this.#client.status !== 'ready') return false;
    if (queues.commandQueue?.length !== 0 || queues.offlineQueue?.length !== 0) return false;
    this.#pending = 0;
    return true;
  }
}

function secondsUntil(expiry: Date): number {
  return Math.ceil((expiry.getTime() - Date.now()) / 1000);
}

const warnedClients = new WeakSet<object>();

/**
 * Warns once per client (a Node process warning, code PODE_WARN_REDIS_CLIENT) about ioredis
 * settings under which a Redis that hangs or stays away keeps commands in the client's queues.
 */
function warnAboutClientSettings(client: Redis | Cluster, timeoutMs: number): void {
  if (warnedClients.has(client)) return;
  warnedClients.add(client);
  const raw = (client as unknown as { options?: Record<string, unknown> }).options ?? {};
  // A Cluster keeps the per-node connection options under redisOptions.
  const options = { ...raw, ...((raw.redisOptions as Record<string, unknown>) ?? {}) };
  const problems: string[] = [];
  const fixes: string[] = [];
  if (options.socketTimeout === undefined) {
    problems.push(
      'it has no socketTimeout, so a connection on which Redis stopped answering is never dropped, and ioredis keeps every command sent on it until Redis answers',
    );
    fixes.push(`socketTimeout: ${Math.max(5_000, timeoutMs * 2)}`);
  }
  if (options.maxRetriesPerRequest === null) {
    problems.push(
      'maxRetriesPerRequest is null, so a command queued while Redis is away waits for ever',
    );
    fixes.push('maxRetriesPerRequest: 1');
  }
  if (problems.length === 0) return;
  process.emitWarning(
    `RedisStore: the ioredis client's settings let a hanging Redis hold commands in memory: ${problems.join('; ')}. RedisStore caps its own unanswered commands (maxPending) and answers 503 past the cap, but the client should drop a dead connection.`,
    {
      code: 'PODE_WARN_REDIS_CLIENT',
      detail: `Create the client with new Redis(url, { ${fixes.join(', ')} }); see "Client settings" in docs/scaling.md.`,
    },
  );
}

function isRedisClient(value: unknown): value is Redis | Cluster {
  if (value === null || typeof value !== 'object') return false;
  const client = value as Record<string, unknown>;
  return ['defineCommand', 'get', 'set', 'del'].every(
    (method) => typeof client[method] === 'function',
  );
}

/*
 * With a second key (a tab record's save): list the record's key in its session's sorted set of
 * tab records, scored by the time of this save, and keep the set alive as long as the record.
 */
const INDEX_TAB_LUA = `if KEYS[2] then
  local now = redis.call('TIME')
  redis.call('ZADD', KEYS[2], tonumber(now[1]) * 1000000 + tonumber(now[2]), KEYS[1])
  if redis.call('TTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
end`;

/* A tab record's first write. KEYS[1]: the record's key; KEYS[2]: its session's tab set. ARGV[1]:
 * the record (JSON); ARGV[2]: the TTL in seconds. */
const SET_TAB_SCRIPT = `redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
${INDEX_TAB_LUA}
return 1`;

/* The keys in a session's tab set (KEYS[1]) that still exist, oldest save first; the others are
 * removed from the set. */
const CHILDREN_SCRIPT = `local kept = {}
for _, key in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', key) == 1 then kept[#kept + 1] = key else redis.call('ZREM', KEYS[1], key) end
end
return kept`;

/*
 * The atomic save. KEYS[1]: the record's key. ARGV[1]: the new metadata (JSON); ARGV[2]: the TTL
 * in seconds; ARGV[3]: how many keys are unset, followed by those keys (JSON strings); then the
 * keys set, as pairs of key (JSON string) and value (JSON text). Returns 0 when the record is
 * missing or unusable (nothing is written), 1 once the new record is stored.
 *
 * The record is not decoded with cjson: cjson turns [] into {} and rounds numbers to 14 digits.
 * A small scanner cuts the stored JSON into top-level members instead, and the new record is
 * spliced from the untouched members' text and the new values' text (encoded by Node).
 */
const UPDATE_SCRIPT = String.raw`
local function skipSpace(s, i)
  return string.find(s, '[^ \t\r\n]', i) or (#s + 1)
end

local function skipString(s, i)
  local j = i + 1
  while true do
    local k = string.find(s, '["\\]', j)
    if not k then error('unterminated string') end
    if string.byte(s, k) == 92 then j = k + 2 else return k + 1 end
  end
end

local function skipValue(s, i)
  local c = string.byte(s, i)
  if c == 34 then return skipString(s, i) end
  if c == 123 or c == 91 then
    local depth, j = 0, i
    while true do
      local k = string.find(s, '["{}%[%]]', j)
      if not k then error('unterminated container') end
      local b = string.byte(s, k)
      if b == 34 then
        j = skipString(s, k)
      else
        if b == 123 or b == 91 then depth = depth + 1 else depth = depth - 1 end
        j = k + 1
        if depth == 0 then return j end
      end
    end
  end
  local k = string.find(s, '[,}%] \t\r\n]', i)
  if k == i then error('missing value') end
  return k or (#s + 1)
end

-- The members of the object starting at s[i]: a list of { key JSON text, value JSON text }.
local function members(s, i)
  if string.byte(s, i) ~= 123 then error('not an object') end
  local list = {}
  i = skipSpace(s, i + 1)
  if string.byte(s, i) == 125 then return list end
  while true do
    if string.byte(s, i) ~= 34 then error('bad key') end
    local keyEnd = skipString(s, i)
    local key = string.sub(s, i, keyEnd - 1)
    i = skipSpace(s, keyEnd)
    if string.byte(s, i) ~= 58 then error('missing colon') end
    i = skipSpace(s, i + 1)
    local valueEnd = skipValue(s, i)
    list[#list + 1] = { key, string.sub(s, i, valueEnd - 1) }
    i = skipSpace(s, valueEnd)
    local b = string.byte(s, i)
    if b == 125 then return list end
    if b ~= 44 then error('missing comma') end
    i = skipSpace(s, i + 1)
  end
end

-- A key's name, decoded from its JSON text. A key cjson cannot decode (a lone surrogate's \uD800
-- escape, which pode-ts now refuses but an older record may hold) is named by its JSON text: the
-- same text Node sends for it, so it can still be kept or deleted, and the record stays usable.
local function keyName(text)
  if string.find(text, '\\', 1, true) then
    local decoded, name = pcall(cjson.decode, text)
    if decoded then return name end
    return text
  end
  return string.sub(text, 2, -2)
end

local text = redis.call('GET', KEYS[1])
if not text then return 0 end
local parsed, record = pcall(members, text, skipSpace(text, 1))
if not parsed then return 0 end
local version, data
for _, member in ipairs(record) do
  local name = keyName(member[1])
  if name == 'version' then version = member[2] elseif name == 'data' then data = member[2] end
end
if version ~= '1' or data == nil then return 0 end
local parsedData, entries = pcall(members, data, 1)
if not parsedData then return 0 end

local unsetCount = tonumber(ARGV[3])
local dropped = {}
for i = 4, 3 + unsetCount do dropped[keyName(ARGV[i])] = true end
local replacements, added = {}, {}
for i = 4 + unsetCount, #ARGV, 2 do
  local name = keyName(ARGV[i])
  if replacements[name] == nil then added[#added + 1] = name end
  replacements[name] = { ARGV[i], ARGV[i + 1] }
end

local out = {}
for _, entry in ipairs(entries) do
  local name = keyName(entry[1])
  local replacement = replacements[name]
  if replacement ~= nil then
    if replacement then
      out[#out + 1] = replacement[1] .. ':' .. replacement[2]
      replacements[name] = false
    end
  elseif not dropped[name] then
    out[#out + 1] = entry[1] .. ':' .. entry[2]
  end
end
for _, name in ipairs(added) do
  local replacement = replacements[name]
  if replacement then out[#out + 1] = replacement[1] .. ':' .. replacement[2] end
end

redis.call('SET', KEYS[1],
  '{"version":1,"metadata":' .. ARGV[1] .. ',"data":{' .. table.concat(out, ',') .. '}}',
  'EX', ARGV[2])
${INDEX_TAB_LUA}
return 1
`;
