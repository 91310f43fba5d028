/**
 * `maid account grant NAME ROLE` and `maid account revoke NAME ROLE`. With
 * no server on the data directory, the world database is changed directly
 * (the data-dir lock held meanwhile); with one running, the change goes
 * through its admin API, so the server's own storage writes it and players
 * online get it at their next command. The database is never written
 * under a running server.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleSinkFor, DataDirLock, DataDirLockedError, Logger, MaidError } from '../../engine/host';
import { AdminClient, AdminError } from '../../engine/admin';
import { roleNamed, rolesAfter, type RoleChange } from '../../engine/accounts/roles';
import { SqliteStorage } from '../../engine/storage';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';

const flags: FlagSpecs = {
  'data-dir': { ...COMMON_FLAGS['data-dir'], help: "The game's data directory, where its world.db is (default ./.maid, or MAID_DATA_DIR)" },
};

/** Roles as people read them. */
function listed(roles: string[]): string {
  return roles.length > 0 ? roles.join(', ') : 'none (a player)';
}

/** Changes the roles in the world database of a data directory no server uses. */
async function changeOffline(dataDir: string, change: RoleChange): Promise<string[]> {
  const storage = new SqliteStorage({ dataDir });
  await storage.open();
  try {
    const account = await storage.findAccount(change.account);
    if (!account) throw new MaidError(`No account named '${change.account}' in ${join(dataDir, 'world.db')}`);
    await storage.updateAccount(account.id, { roles: rolesAfter(account.roles, change) });
    return (await storage.findAccount(change.account))?.roles ?? [];
  } finally {
    await storage.close();
  }
}

/** Through the running server's admin API; a holder of the lock without one (the studio) is named. */
async function changeOnline(dataDir: string, change: RoleChange, held: DataDirLockedError): Promise<string[]> {
  let client: AdminClient;
  try {
    client = AdminClient.fromDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    throw new MaidError(`${dataDir} is in use (${held.message.split(':')[0]}) by a process without an admin API to ask; the database is not written under it. Stop it, or run this against the server's data directory.`);
  }
  try {
    return (await client.roles(change)).roles;
  } catch (err) {
    if (err instanceof AdminError && err.kind === 'not-found') throw new MaidError(err.message);
    throw err;
  }
}

async function changeRole(parsed: ParsedFlags, args: string[], verb: 'grant' | 'revoke'): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const log = new Logger(settings.logLevel, [consoleSinkFor(settings.logTimestamps)]);
  const [account = '', roleWord] = args;
  let change: RoleChange;
  try {
    change = { account, [verb]: roleNamed(roleWord) };
  } catch (err) {
    throw new UsageFailure((err as Error).message);
  }
  const dataDir = settings.dataDir;
  if (!existsSync(join(dataDir, 'world.db'))) throw new MaidError(`No world database in ${dataDir}: no server has run there yet (pass --data-dir with the game's data directory)`);
  let roles: string[];
  let lock: DataDirLock | undefined;
  try {
    lock = await DataDirLock.acquire(dataDir, { owner: 'maid account', timeoutMs: 0 });
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    roles = await changeOnline(dataDir, change, err);
    log.info(`${verb === 'grant' ? 'Granted' : 'Revoked'} ${roleWord} ${verb === 'grant' ? 'to' : 'from'} ${account} on the running server; roles now: ${listed(roles)}`);
    return EXIT.ok;
  }
  try {
    roles = await changeOffline(dataDir, change);
  } finally {
    lock.release();
  }
  log.info(`${verb === 'grant' ? 'Granted' : 'Revoked'} ${roleWord} ${verb === 'grant' ? 'to' : 'from'} ${account} in ${join(dataDir, 'world.db')}; roles now: ${listed(roles)}`);
  return EXIT.ok;
}

const args = [
  { name: 'NAME', help: 'The account (the name its player logs in with, any letter case)', required: true },
  { name: 'ROLE', help: 'The role: builder (may use the building commands @dig, @desc...)', required: true },
];

const where = [
  'With no server on the data directory, writes its world.db directly; with `maid server start`',
  'running there, asks it through its admin API (the change is at once in effect for the',
  "account's players online). The first account created on a server is a builder already.",
].join('\n');

export const accountGrantCommand: CliCommand = {
  words: ['account', 'grant'],
  summary: 'Give an account a role (builder)',
  description: `Gives the account the role.\n${where}`,
  args,
  flags,
  examples: ['maid account grant Ada builder', 'maid account grant Ada builder --data-dir ./.maid'],
  run: (parsed, positionals) => changeRole(parsed, positionals, 'grant'),
};

export const accountRevokeCommand: CliCommand = {
  words: ['account', 'revoke'],
  summary: 'Take a role (builder) from an account',
  description: `Takes the role from the account.\n${where}`,
  args,
  flags,
  examples: ['maid account revoke Ada builder'],
  run: (parsed, positionals) => changeRole(parsed, positionals, 'revoke'),
};
