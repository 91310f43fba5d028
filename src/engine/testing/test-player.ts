import type { PlayerSession } from '../commands/define';
import type { Entity } from '../ecs/entity';
import type { GameEngine } from '../engine';

/** Colour markup (`{red}`, `{reset}`) and ANSI escapes removed: what a plain client shows. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\{[a-z_]+\}/g, '').replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * A player for tests: a real entity with a session that keeps what it was
 * sent, logged in the way the server logs players in.
 */
export class TestPlayer implements PlayerSession {
  readonly id: string;
  /** Everything sent to this player, markup removed. */
  readonly received: string[] = [];
  closed: string | undefined;

  constructor(
    readonly engine: GameEngine,
    readonly entity: Entity,
    readonly name: string,
  ) {
    this.id = `test-session-${name}`;
  }

  /** Creates the character and logs it in (emits `player:login`, as the server does). */
  static login(engine: GameEngine, name: string, entity?: Entity): TestPlayer {
    const actor = entity ?? engine.world.createEntity();
    const player = new TestPlayer(engine, actor, name);
    engine.sessions.attach(actor, player);
    engine.world.events.emit('player:login', { actor, name, isNew: entity === undefined });
    return player;
  }

  send(text: string): void {
    this.received.push(plainText(text));
  }

  close(message?: string): void {
    if (message) this.send(message);
    this.closed = message ?? '';
    this.engine.sessions.detach(this.entity, this);
  }

  /** Runs a command and returns what the player read because of it, as one string. */
  async do(line: string): Promise<string> {
    const from = this.received.length;
    await this.engine.executeCommand(this, this.entity, line);
    return this.received.slice(from).join('\n');
  }

  /** Everything received since the given mark (a previous `received.length`). */
  since(mark: number): string {
    return this.received.slice(mark).join('\n');
  }

  get transcript(): string {
    return this.received.join('\n');
  }
}
