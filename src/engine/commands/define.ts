import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import type { GameEngine } from '../engine';

/** The account a session plays, as commands see it; roles change live when granted or revoked. */
export interface SessionAccount {
  readonly id: string;
  readonly name: string;
  /** `builder` lets the building commands run; none: a player. */
  readonly roles: readonly string[];
}

/** The player's end of a connection, as commands see it. The server owns the real sessions. */
export interface PlayerSession {
  readonly id: string;
  /** The logged-in account; absent for sessions without one (tests' scripted players). */
  readonly account?: SessionAccount;
  send(text: string): void;
  /** Ends the connection after sending a last message (the server implements it). */
  close?(message?: string): void;
  /** Structured data beside the text (GMCP `Room.Info`...); false when the client does not take it. */
  sendData?(pkg: string, data?: unknown): boolean;
}

export interface CommandContext {
  /** The player's entity. */
  readonly actor: Entity;
  /** Arguments, split on spaces; quoted text stays one argument. */
  readonly args: string[];
  /** Everything after the command word, as typed (for `say`). */
  readonly rest: string;
  /** The word the player typed (a name or an alias). */
  readonly invokedAs: string;
  readonly session: PlayerSession;
  readonly world: World;
  readonly engine: GameEngine;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One line shown by `help`. */
  help: string;
  /** Shape of the arguments, shown on a usage error: `attack <target>`. */
  usage?: string;
  /** Category for the `help` listing. */
  category?: string;
  handler(ctx: CommandContext): void | Promise<void>;
}

export interface Command extends Readonly<CommandSpec> {
  readonly aliases: string[];
}

// A leading '@' marks building commands (@dig), as in Evennia and MOOs.
const WORD = /^@?[a-z][a-z0-9_-]*$/;

export function defineCommand(spec: CommandSpec): Command {
  const check = (word: unknown, what: string): string => {
    if (typeof word !== 'string' || !WORD.test(word.toLowerCase())) {
      throw new TypeError(`defineCommand: ${what} must be a word of letters, digits, "_" or "-", optionally after "@" (got ${JSON.stringify(word)})`);
    }
    return word.toLowerCase();
  };
  const name = check(spec?.name, 'name');
  const aliases = (spec.aliases ?? []).map((a) => check(a, `an alias of "${name}"`));
  if (typeof spec.handler !== 'function') throw new TypeError(`defineCommand(${name}): handler must be a function`);
  if (typeof spec.help !== 'string') throw new TypeError(`defineCommand(${name}): help must be a string`);
  return Object.freeze({ ...spec, name, aliases });
}

export function isCommand(value: unknown): value is Command {
  const c = value as Command | null;
  return typeof c === 'object' && c !== null && typeof c.name === 'string' && typeof c.handler === 'function' && Array.isArray(c.aliases);
}
