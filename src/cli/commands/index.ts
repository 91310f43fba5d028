import type { CliCommand } from '../command';
import { accountGrantCommand, accountRevokeCommand } from './account-roles';
import { devReloadCommand } from './dev-reload';
import { devShellCommand } from './dev-shell';
import { packNewCommand } from './pack-new';
import { packTestCommand } from './pack-test';
import { serverRestartCommand } from './server-restart';
import { serverStartCommand } from './server-start';

/** Every `maid` command, in the order `maid --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [serverStartCommand, serverRestartCommand, devReloadCommand, devShellCommand, packNewCommand, packTestCommand, accountGrantCommand, accountRevokeCommand];
