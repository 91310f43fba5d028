/** The flags a command accepts: a boolean switch, a value, or a repeatable value. */
export interface FlagSpec {
  type: 'boolean' | 'string' | 'number';
  repeatable?: boolean;
  /** Shown in --help: what the flag does. */
  help: string;
  /** Placeholder in --help: `--port N`. */
  value?: string;
  /** Accepted values, checked and listed in the error. */
  choices?: readonly string[];
}

export type FlagSpecs = Record<string, FlagSpec>;

export type ParsedFlags = Record<string, string | number | boolean | string[] | undefined>;

export class UsageFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageFailure';
  }
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` against a spec;
 * positional arguments are returned in order. Unknown flags and bad values
 * are errors that list what is accepted.
 */
export function parseFlags(argv: readonly string[], specs: FlagSpecs): { flags: ParsedFlags; positionals: string[] } {
  const flags: ParsedFlags = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) throw unknownOption(arg, specs);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw unknownOption(`--${name}`, specs);
    let raw: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (spec.type === 'boolean') {
      if (raw !== undefined && !['true', 'false'].includes(raw)) throw new UsageFailure(`--${name} is a switch: give it alone or as --${name}=true/false`);
      flags[name] = raw !== 'false';
      continue;
    }
    if (raw === undefined) {
      raw = argv[++i];
      if (raw === undefined || raw.startsWith('--')) throw new UsageFailure(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
    }
    if (spec.choices && !spec.choices.includes(raw)) throw new UsageFailure(`Invalid value "${raw}" for --${name}: choose one of ${spec.choices.join(', ')}`);
    let value: string | number = raw;
    if (spec.type === 'number') {
      value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageFailure(`Invalid value "${raw}" for --${name}: expected a number`);
    }
    if (spec.repeatable) flags[name] = [...((flags[name] as string[] | undefined) ?? []), String(value)];
    else flags[name] = value;
  }
  return { flags, positionals };
}

function unknownOption(option: string, specs: FlagSpecs): UsageFailure {
  const names = Object.keys(specs);
  const wanted = option.replace(/^-+/, '');
  const ranked = names.map((n) => ({ n, d: distance(n, wanted) })).sort((a, b) => a.d - b.d)[0];
  const close = ranked && ranked.d <= (ranked.n.length <= 3 ? 1 : 2) ? ranked.n : undefined;
  const hint = close ? ` Did you mean --${close}?` : '';
  return new UsageFailure(`Unknown option ${option}.${hint} Options: ${names.map((k) => `--${k}`).join(', ') || 'none'}`);
}

/** Edit distance, to suggest the option a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] as number;
}

export function formatFlagHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => [`--${name}${s.type === 'boolean' ? '' : ` ${s.value ?? 'VALUE'}`}`, `${s.help}${s.choices ? ` (${s.choices.join(', ')})` : ''}${s.repeatable ? ' (repeatable)' : ''}`] as const);
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n');
}
