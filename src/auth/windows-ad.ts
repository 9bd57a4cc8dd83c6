/**
 * Authentication against Active Directory over LDAP (Pode's `Add-PodeAuthWindowsAd`, as Pode
 * runs it off Windows with its OpenLDAP provider): the scheme's username and password are bound
 * as `DOMAIN\username`, the user is found by `sAMAccountName` under the search base, and the
 * user's groups are read (every group it is in, nested ones included, through AD's in-chain
 * matching rule; or only its direct `memberOf` groups). The LDAP client (`ldapts`) is loaded
 * when the first login is checked.
 */
import { execFileSync } from 'node:child_process';
import { ErrorCodes, setupError } from '../errors.js';
import type { WebEvent } from '../web-event.js';
import type { AuthOptions, AuthValidation, AuthValidator } from './registry.js';
import type { AuthScheme } from './schemes.js';

/** The user a Windows AD login gives `e.auth.user` (Pode's keys). */
export interface WindowsAdUser {
  [key: string]: unknown;
  /** Always `'Domain'`. */
  UserType: 'Domain';
  /** Always `'LDAP'`. */
  AuthenticationType: 'LDAP';
  /** The user's entry in the directory. */
  DistinguishedName: string;
  /** The username without its domain (`alice` for `CORP\alice` or `alice@corp.example`). */
  Username: string;
  /** The entry's `name` attribute (the display name). */
  Name: string;
  /** The entry's `mail` attribute (empty when it has none). */
  Email: string;
  /** The server (`fqdn`). */
  Fqdn: string;
  /** The NetBIOS domain (`domain`). */
  Domain: string;
  /** The user's groups by name (`sAMAccountName`; with `directGroups`, the CN of each `memberOf`). */
  Groups: string[];
  /** With `keepCredential`: the credential the user logged in with; otherwise `null`. */
  Credential: { Username: string; Password: string } | null;
}

/** Options of `s.addAuthWindowsAd` (the `s.addAuth` options, plus the directory's). */
export interface AuthWindowsAdOptions extends AuthOptions {
  /**
   * The domain's server: a host name (`corp.example`, LDAP on port 389), `host:port`, or an
   * `ldap://` / `ldaps://` URL. Default: the machine's DNS domain (`USERDNSDOMAIN`,
   * `dnsdomainname`, `realm list`, or macOS's search domain); set-up fails when there is none.
   */
  fqdn?: string;
  /** The NetBIOS domain users are bound as (`DOMAIN\username`). Default: the first label of the fqdn. */
  domain?: string;
  /** Where users and groups are searched. Default: the fqdn's labels as `DC=…` (`DC=corp,DC=example`). */
  searchBase?: string;
  /** Only members of one of these groups may log in (case-insensitive); with `users`, either passes. */
  groups?: readonly string[];
  /** Only these usernames may log in (case-insensitive). */
  users?: readonly string[];
  /** Do not read the user's groups (`Groups` is empty); cannot be used with `groups` or `directGroups`. */
  noGroups?: boolean;
  /** Read only the groups the user is directly in (`memberOf`), not the groups those are in. */
  directGroups?: boolean;
  /**
   * Pode's switch for its `ldapsearch` provider on Windows; pode-ts always speaks LDAP itself, so
   * it changes nothing.
   */
  openLDAP?: boolean;
  /** Keep the credential (`DOMAIN\username` and password) in the user's `Credential`. */
  keepCredential?: boolean;
  /** Called with the directory's user after the users/groups checks pass: returns `{ user }` or a failure. */
  scriptBlock?: (
    user: WindowsAdUser,
    event: WebEvent,
  ) => AuthValidation | null | undefined | Promise<AuthValidation | null | undefined>;
}

const INVALID = 'Invalid credentials supplied';
const NOT_FOUND = 'User not found in Active Directory';
const REFUSED = 'You are not authorised to access this website';
/** AD's LDAP_MATCHING_RULE_IN_CHAIN: groups the entry is in, directly or through other groups. */
const IN_CHAIN = '1.2.840.113556.1.4.1941';
const CONNECT_TIMEOUT_MS = 5_000;
const OPERATION_TIMEOUT_MS = 10_000;

interface Directory {
  url: string;
  fqdn: string;
  domain: string;
  searchBase: string;
}

/**
 * @internal Checks the options of `s.addAuthWindowsAd`, finds the domain, and makes the validator
 * that asks the directory; returns it with the options left for `s.addAuth`.
 */
export function windowsAdValidator(
  name: string,
  scheme: AuthScheme<unknown>,
  options: AuthWindowsAdOptions,
  lookupDomain: () => string | undefined = machineDomain,
): { validate: AuthValidator<unknown>; authOptions: AuthOptions } {
  const where = `s.addAuthWindowsAd('${name}')`;
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, `${where}: options must be an object.`);
  }
  const {
    fqdn,
    domain,
    searchBase,
    groups,
    users,
    noGroups,
    directGroups,
    openLDAP,
    keepCredential,
    scriptBlock,
    ...authOptions
  } = options;
  if (scheme?.type !== 'basic' && scheme?.type !== 'form' && scheme?.type !== 'custom') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: the scheme must give a username and password (basic(), form() or custom()).`,
    );
  }
  for (const [key, value] of Object.entries({ fqdn, domain, searchBase })) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      throw setupError(ErrorCodes.BAD_OPTION, `${where}: ${key} must be a non-empty string.`);
    }
  }
  for (const [key, value] of Object.entries({
    noGroups,
    directGroups,
    openLDAP,
    keepCredential,
  })) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw setupError(ErrorCodes.BAD_OPTION, `${where}: ${key} must be true or false.`);
    }
  }
  const allowedUsers = stringList(where, 'users', users);
  const allowedGroups = stringList(where, 'groups', groups);
  if (noGroups === true && (allowedGroups.length > 0 || directGroups === true)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: noGroups cannot be used with ${allowedGroups.length > 0 ? 'groups' : 'directGroups'}.`,
      'A user without groups cannot be checked against groups: drop one of the two.',
    );
  }
  if (scriptBlock !== undefined && typeof scriptBlock !== 'function') {
    throw setupError(ErrorCodes.BAD_HANDLER, `${where}: scriptBlock must be a function.`);
  }
  const server = fqdn?.trim() ?? lookupDomain();
  if (server === undefined || server === '') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: no fqdn was given and this machine has no DNS domain: pass the domain's server as fqdn (for example fqdn: 'corp.example.com').`,
      'Or run on a machine joined to the domain, or set USERDNSDOMAIN to the domain.',
    );
  }
  const directory = directoryOf(where, server, domain, searchBase);

  const validate: AuthValidator<unknown> = async (credentials, event) => {
    const { username, password } = (credentials ?? {}) as {
      username?: unknown;
      password?: unknown;
    };
    // an empty password would be an unauthenticated bind, which many servers let through
    if (typeof username !== 'string' || typeof password !== 'string' || password === '') {
      return { message: INVALID };
    }
    // `CORP\alice` and `alice@corp.example` are both `alice`
    const account = (username.split('@')[0] ?? '').split('\\').pop() ?? '';
    if (account === '') return { message: INVALID };
    const result = await lookUp(directory, account, password, {
      groups: noGroups !== true,
      direct: directGroups === true,
      keepCredential: keepCredential === true,
      event,
    });
    if (result.user === undefined) return { message: result.message };
    const user = result.user;
    if (!allowed(user, allowedUsers, allowedGroups)) return { message: REFUSED };
    if (scriptBlock === undefined) return { user };
    return scriptBlock(user, event);
  };
  return { validate, authOptions };
}

/** The LDAP URL, the domain and the search base of a server name as Pode reads them. */
function directoryOf(
  where: string,
  server: string,
  domain: string | undefined,
  searchBase: string | undefined,
): Directory {
  const url = /^ldaps?:\/\//i.test(server) ? server : `ldap://${server}`;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: fqdn is not a server name or LDAP URL: ${server}`,
      "Give a host name ('corp.example.com'), host:port, or ldap[s]://host[:port].",
    );
  }
  if (host === '') {
    throw setupError(ErrorCodes.BAD_OPTION, `${where}: fqdn has no host: ${server}`);
  }
  const labels = host.split('.');
  return {
    url,
    fqdn: server,
    domain: domain?.trim() ?? labels[0] ?? host,
    searchBase: searchBase?.trim() ?? labels.map((label) => `DC=${label}`).join(','),
  };
}

type LookUp = { user: WindowsAdUser; message?: undefined } | { user?: undefined; message: string };

/** Binds as the user, finds the user's entry and reads its groups (Pode's Get-PodeAuthADResult). */
async function lookUp(
  directory: Directory,
  account: string,
  password: string,
  how: { groups: boolean; direct: boolean; keepCredential: boolean; event: WebEvent },
): Promise<LookUp> {
  const ldap = await import('ldapts');
  const client = new ldap.Client({
    url: directory.url,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: OPERATION_TIMEOUT_MS,
  });
  const bindName = `${directory.domain}\\${account}`;
  const byAccount = new ldap.AndFilter({
    filters: [
      new ldap.EqualityFilter({ attribute: 'objectCategory', value: 'person' }),
      new ldap.EqualityFilter({ attribute: 'sAMAccountName', value: account }),
    ],
  });
  try {
    try {
      await client.bind(bindName, password);
    } catch (error) {
      // a refused password is the user's; anything else (no server, TLS, timeout) is logged
      if (!(error instanceof ldap.InvalidCredentialsError)) {
        how.event.log.error(
          { err: error, server: directory.url },
          'Windows AD authentication: the directory could not be reached',
        );
      }
      return { message: INVALID };
    }
    let entry: Record<string, unknown> | undefined;
    try {
      const { searchEntries } = await client.search(directory.searchBase, {
        scope: 'sub',
        filter: byAccount,
        attributes: ['name', 'mail'],
        sizeLimit: 1,
      });
      entry = searchEntries[0];
    } catch (error) {
      how.event.log.error(
        { err: error, server: directory.url },
        'Windows AD authentication: the user search failed',
      );
    }
    if (entry === undefined) return { message: NOT_FOUND };
    const dn = String(entry.dn);
    let groups: string[] = [];
    if (how.groups) {
      try {
        groups = how.direct
          ? await directGroups(client, directory, byAccount)
          : await allGroups(client, directory, dn);
      } catch (error) {
        how.event.log.error(
          { err: error, server: directory.url },
          'Windows AD authentication: the group search failed',
        );
      }
    }
    return {
      user: {
        UserType: 'Domain',
        AuthenticationType: 'LDAP',
        DistinguishedName: dn,
        Username: account,
        Name: first(attribute(entry, 'name')),
        Email: first(attribute(entry, 'mail')),
        Fqdn: directory.fqdn,
        Domain: directory.domain,
        Groups: groups,
        Credential: how.keepCredential ? { Username: bindName, Password: password } : null,
      },
    };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** The CN of each group in the user's `memberOf`. */
async function directGroups(
  client: import('ldapts').Client,
  directory: Directory,
  byAccount: import('ldapts').Filter,
): Promise<string[]> {
  const { searchEntries } = await client.search(directory.searchBase, {
    scope: 'sub',
    filter: byAccount,
    attributes: ['memberOf'],
    sizeLimit: 1,
  });
  const entry = searchEntries[0];
  if (entry === undefined) return [];
  return attribute(entry, 'memberOf').flatMap((group) => {
    const match = /^CN=(.+?),/i.exec(group);
    return match === null ? [] : [match[1] as string];
  });
}

/** The `sAMAccountName` of every group the user is in, directly or not (AD's in-chain rule). */
async function allGroups(
  client: import('ldapts').Client,
  directory: Directory,
  dn: string,
): Promise<string[]> {
  const { ExtensibleFilter } = await import('ldapts');
  const { searchEntries } = await client.search(directory.searchBase, {
    scope: 'sub',
    filter: new ExtensibleFilter({ matchType: 'member', rule: IN_CHAIN, value: dn }),
    attributes: ['sAMAccountName'],
  });
  return searchEntries.flatMap((entry) => attribute(entry, 'sAMAccountName'));
}

/** An attribute's values as strings, whatever the case the server spelled its name in. */
function attribute(entry: Record<string, unknown>, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
}

function first(values: string[]): string {
  return values[0] ?? '';
}

function allowed(user: WindowsAdUser, users: string[], groups: string[]): boolean {
  if (users.length === 0 && groups.length === 0) return true;
  if (users.some((u) => u.toLowerCase() === user.Username.toLowerCase())) return true;
  const member = user.Groups.map((g) => g.toLowerCase());
  return groups.some((g) => member.includes(g.toLowerCase()));
}

function stringList(where: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw setupError(ErrorCodes.BAD_OPTION, `${where}: ${key} must be an array of names.`);
  }
  return [...list];
}

/**
 * @internal The machine's DNS domain, where Pode looks for it: `USERDNSDOMAIN` (Windows sets it
 * on a domain member; honoured everywhere), macOS's first search domain, or on Linux
 * `dnsdomainname` and then `realm list --name-only`. Undefined when there is none.
 */
export function machineDomain(): string | undefined {
  const fromEnv = process.env.USERDNSDOMAIN?.trim();
  if (fromEnv) return fromEnv;
  if (process.platform === 'win32') return undefined;
  if (process.platform === 'darwin') {
    const match = /search domain\[0\]\s*:\s*(\S+)/.exec(run('scutil', ['--dns']));
    return match?.[1];
  }
  const dns = run('dnsdomainname', []).trim();
  if (dns !== '') return dns;
  const realm = run('/usr/sbin/realm', ['list', '--name-only']).split('\n')[0]?.trim();
  return realm === '' ? undefined : realm;
}

function run(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      timeout: 3_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}
