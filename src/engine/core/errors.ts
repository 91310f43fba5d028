/** Base class of every error the engine raises on purpose, so callers can tell them from bugs. */
export class MaidError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A content pack is malformed, or cannot be loaded next to the others. */
export class PackError extends MaidError {
  constructor(
    message: string,
    readonly packName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Code of a pack used another pack that is not loaded (so it can be tried again once that one is). */
export class PackNotLoadedError extends PackError {
  constructor(
    message: string,
    readonly missingPack: string,
  ) {
    super(message);
  }
}

/** The pack whose absence caused this error, looking through the errors it was wrapped in. */
export function missingPackOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof PackNotLoadedError) return e.missingPack;
  }
  return undefined;
}

/** A setting has a value outside what it accepts. */
export class SettingsError extends MaidError {
  constructor(
    message: string,
    readonly variable: string,
  ) {
    super(message);
  }
}

/** A command handler rejects the arguments; the message is shown to the player as is. */
export class UsageError extends MaidError {}

/** Text of any thrown value, for logs and player-facing messages. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
