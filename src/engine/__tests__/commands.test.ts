import { describe, expect, it } from 'vitest';
import { CommandRegistry, defineCommand, parseCommandLine, splitArgs } from '../host';

describe('command line parsing', () => {
  it('splits on spaces and keeps quoted text together', () => {
    expect(splitArgs('give "old sword" to  bob')).toEqual(['give', 'old sword', 'to', 'bob']);
    expect(splitArgs(`say 'it''s' fine`)).toEqual(['say', 'its', 'fine']);
    expect(splitArgs('a\\ b c')).toEqual(['a b', 'c']);
    expect(splitArgs('"unclosed quote here')).toEqual(['unclosed quote here']);
    expect(splitArgs('""')).toEqual(['']);
  });

  it('lower-cases the command word and keeps the rest as typed', () => {
    expect(parseCommandLine('  SAY Hello  World ')).toEqual({ word: 'say', args: ['Hello', 'World'], rest: 'Hello  World' });
    expect(parseCommandLine('')).toEqual({ word: '', args: [], rest: '' });
    expect(parseCommandLine("'hi all").word).toBe('say');
  });
});

describe('command registry', () => {
  const noop = () => {};
  it('names both packs when a command or alias clashes', () => {
    const registry = new CommandRegistry();
    registry.register(defineCommand({ name: 'look', aliases: ['l'], help: 'Look', handler: noop }), 'starter-world');
    expect(() => registry.register(defineCommand({ name: 'look', help: 'x', handler: noop }), 'other')).toThrow(
      'Command "look" of pack "other" clashes with command "look" of pack "starter-world"',
    );
    expect(() => registry.register(defineCommand({ name: 'list', aliases: ['l'], help: 'x', handler: noop }), 'other')).toThrow(
      'Alias "l" of command "list" of pack "other" clashes with command "look" of pack "starter-world"',
    );
    expect(registry.resolve('list')).toBeUndefined();
  });

  it('rejects malformed commands', () => {
    expect(() => defineCommand({ name: 'two words', help: '', handler: noop })).toThrow(/name must be a word/);
    expect(() => defineCommand({ name: 'x', help: 'h' } as never)).toThrow(/handler must be a function/);
  });
});
