/**
 * Granting and revoking an account's roles: what `maid account grant` and
 * `revoke` and the admin API's roles request do, whether the database is
 * written directly or through a running server.
 */
import { MaidError } from '../core/errors';
import { ACCOUNT_ROLES, type AccountRole } from '../storage/types';

/** What to change: exactly one of grant or revoke. */
export interface RoleChange {
  account: string;
  grant?: string;
  revoke?: string;
}

/** A role change that makes no sense: the message says what is wrong. */
export class RoleError extends MaidError {}

/** The role named, checked. */
export function roleNamed(role: unknown): AccountRole {
  if (typeof role !== 'string' || !(ACCOUNT_ROLES as readonly string[]).includes(role)) {
    throw new RoleError(`Unknown role ${JSON.stringify(role)}: the roles are ${ACCOUNT_ROLES.join(', ')}`);
  }
  return role as AccountRole;
}

/** A role change request as JSON arrives, checked. */
export function roleChangeOf(body: unknown): RoleChange {
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof o['account'] !== 'string' || o['account'] === '') throw new RoleError('A role change names the account: { "account": "<name>", "grant": "builder" } (or "revoke")');
  if ((o['grant'] === undefined) === (o['revoke'] === undefined)) throw new RoleError('A role change has exactly one of "grant" and "revoke"');
  return o['grant'] !== undefined ? { account: o['account'], grant: roleNamed(o['grant']) } : { account: o['account'], revoke: roleNamed(o['revoke']) };
}

/** The account's roles after the change. */
export function rolesAfter(current: readonly string[] | undefined, change: RoleChange): string[] {
  const roles = new Set(current ?? []);
  if (change.grant) roles.add(change.grant);
  if (change.revoke) roles.delete(change.revoke);
  return [...roles].sort();
}
