/**
 * A small Active Directory for the tests: a real LDAP server (LDAPv3 over TCP on 127.0.0.1,
 * port 0) holding users and groups in memory. The messages are read and written with
 * `@ldapjs/messages` (the protocol layer of ldapjs); the directory itself is this file. It does
 * what AD does for Pode's queries: `DOMAIN\account` simple binds, `objectCategory=person`,
 * case-insensitive matching, `memberOf`, and the in-chain matching rule for nested groups.
 */
import { createRequire } from 'node:module';
import { createServer, type Server, type Socket } from 'node:net';

const require = createRequire(import.meta.url);

interface Filter {
  type: string;
  attribute?: string;
  value?: unknown;
  clauses?: Filter[];
  matchingRule?: string;
  matchType?: string;
}
interface Request {
  type: string;
  messageId: number;
  name?: string;
  credentials?: string;
  baseObject?: { toString(): string };
  filter?: Filter;
  attributes?: string[];
}
interface Encodable {
  toBer(): { buffer: Buffer };
}
type MessageClass = new (options: Record<string, unknown>) => Encodable;
const messages = require('@ldapjs/messages') as {
  LdapMessage: { parse(reader: unknown): Request };
  BindResponse: MessageClass;
  SearchResultEntry: MessageClass;
  SearchResultDone: MessageClass;
};
const { BerReader } = require('@ldapjs/asn1') as { BerReader: new (buffer: Buffer) => unknown };

const IN_CHAIN = '1.2.840.113556.1.4.1941';
const INVALID_CREDENTIALS = 49;
const INSUFFICIENT_ACCESS = 50;

export interface DirectoryUser {
  account: string;
  password: string;
  name: string;
  mail?: string;
}
export interface DirectoryGroup {
  name: string;
  /** Accounts of users, or names of groups, that are members. */
  members: string[];
}

export interface TestDirectory {
  /** `127.0.0.1:<port>`: what `fqdn` is given. */
  address: string;
  port: number;
  /** The names each simple bind was made with, in order. */
  binds: string[];
  /** The filters of the searches, in order (ldap filter strings). */
  searches: string[];
  close(): Promise<void>;
}

interface Entry {
  dn: string;
  attributes: Record<string, string[]>;
}

/** Starts the directory of domain `domain` (NetBIOS name) under `base` (`DC=corp,DC=test`). */
export async function startDirectory(options: {
  domain: string;
  base: string;
  users: DirectoryUser[];
  groups: DirectoryGroup[];
}): Promise<TestDirectory> {
  const { domain, base, users, groups } = options;
  const userDn = (account: string) => {
    const user = users.find((u) => u.account === account);
    return `CN=${user?.name ?? account},OU=Users,${base}`;
  };
  const groupDn = (name: string) => `CN=${name},OU=Groups,${base}`;
  const dnOf = (member: string) =>
    groups.some((g) => g.name === member) ? groupDn(member) : userDn(member);
  const entries: Entry[] = [
    ...users.map((user) => ({
      dn: userDn(user.account),
      attributes: {
        objectCategory: ['person'],
        sAMAccountName: [user.account],
        name: [user.name],
        ...(user.mail === undefined ? {} : { mail: [user.mail] }),
        memberOf: groups
          .filter((g) => g.members.includes(user.account))
          .map((g) => groupDn(g.name)),
      },
    })),
    ...groups.map((group) => ({
      dn: groupDn(group.name),
      attributes: {
        objectCategory: ['group'],
        sAMAccountName: [group.name],
        name: [group.name],
        member: group.members.map(dnOf),
        memberOf: groups.filter((g) => g.members.includes(group.name)).map((g) => groupDn(g.name)),
      },
    })),
  ];
  const binds: string[] = [];
  const searches: string[] = [];
  const bound = new WeakSet<Socket>();
  const sockets = new Set<Socket>();

  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const values = (entry: Entry, attribute: string) =>
    Object.entries(entry.attributes).find(([key]) => same(key, attribute))?.[1] ?? [];
  /** Whether `group` holds `dn`, directly or through groups it holds (cycles stop). */
  const inChain = (group: Entry, dn: string, seen = new Set<string>()): boolean => {
    if (seen.has(group.dn.toLowerCase())) return false;
    seen.add(group.dn.toLowerCase());
    return values(group, 'member').some((member) => {
      if (same(member, dn)) return true;
      const inner = entries.find((e) => same(e.dn, member));
      return inner !== undefined && inChain(inner, dn, seen);
    });
  };
  const matches = (entry: Entry, filter: Filter): boolean => {
    switch (filter.type) {
      case 'AndFilter':
        return (filter.clauses ?? []).every((f) => matches(entry, f));
      case 'OrFilter':
        return (filter.clauses ?? []).some((f) => matches(entry, f));
      case 'NotFilter':
        return !(filter.clauses ?? []).every((f) => matches(entry, f));
      case 'EqualityFilter':
        return values(entry, filter.attribute ?? '').some((v) => same(v, String(filter.value)));
      case 'PresenceFilter':
        return values(entry, filter.attribute ?? '').length > 0;
      case 'ExtensibleFilter':
        return (
          filter.matchingRule === IN_CHAIN &&
          same(filter.matchType ?? '', 'member') &&
          inChain(entry, String(filter.value))
        );
      default:
        return false;
    }
  };
  const filterText = (filter: Filter): string => String(filter);

  const answer = (socket: Socket, request: Request): void => {
    const send = (message: Encodable) => socket.write(message.toBer().buffer);
    const messageId = request.messageId;
    if (request.type === 'BindRequest') {
      const name = request.name ?? '';
      binds.push(name);
      const slash = name.indexOf('\\');
      const user =
        slash > 0 && same(name.slice(0, slash), domain)
          ? users.find((u) => same(u.account, name.slice(slash + 1)))
          : undefined;
      const ok = user !== undefined && request.credentials === user.password;
      if (ok) bound.add(socket);
      else bound.delete(socket);
      send(
        new messages.BindResponse({
          messageId,
          status: ok ? 0 : INVALID_CREDENTIALS,
          diagnosticMessage: ok ? '' : '80090308: LdapErr: DSID-0C09044E, data 52e',
        }),
      );
      return;
    }
    if (request.type === 'SearchRequest') {
      const filter = request.filter as Filter;
      searches.push(filterText(filter));
      if (!bound.has(socket)) {
        send(new messages.SearchResultDone({ messageId, status: INSUFFICIENT_ACCESS }));
        return;
      }
      const baseDn = String(request.baseObject ?? '');
      const wanted = (request.attributes ?? []).map((a) => a.toLowerCase());
      for (const entry of entries) {
        if (!entry.dn.toLowerCase().endsWith(baseDn.toLowerCase())) continue;
        if (!matches(entry, filter)) continue;
        const attributes = Object.entries(entry.attributes)
          .filter(([key]) => wanted.length === 0 || wanted.includes(key.toLowerCase()))
          .filter(([, list]) => list.length > 0)
          .map(([type, list]) => ({ type, values: list }));
        send(new messages.SearchResultEntry({ messageId, objectName: entry.dn, attributes }));
      }
      send(new messages.SearchResultDone({ messageId, status: 0 }));
      return;
    }
    if (request.type === 'UnbindRequest') {
      socket.end();
      return;
    }
    socket.destroy(new Error(`the test directory does not answer ${request.type}`));
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const size = messageSize(buffer);
        if (size === undefined || buffer.length < size) return;
        const message = buffer.subarray(0, size);
        buffer = buffer.subarray(size);
        answer(socket, messages.LdapMessage.parse(new BerReader(message)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    binds,
    searches,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The whole size of the BER message at the start of `buffer`, or undefined while its head is incomplete. */
function messageSize(buffer: Buffer): number | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[1] as number;
  if (first < 0x80) return 2 + first;
  const bytes = first & 0x7f;
  if (buffer.length < 2 + bytes) return undefined;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + (buffer[2 + i] as number);
  return 2 + bytes + length;
}
