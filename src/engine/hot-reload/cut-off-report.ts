import { describeCall, type CutOff, type PackCall } from '../core/runaway-guard';
import type { CutOffRecord } from './types';

/** What ran away: a call V8 terminated, or an async system update that did not settle in time. */
export type Runaway = { type: 'cut-off'; cutOff: CutOff } | { type: 'unsettled'; call: PackCall; waitedMs: number };

const WHERE: Record<NonNullable<CutOffRecord['location']>['kind'], string> = {
  running: 'running at',
  definition: 'running the function defined at',
  module: 'evaluating',
};

/** `src/systems/weather.ts:12:3`, or just the file. */
export function formatLocation(location: NonNullable<CutOffRecord['location']>): string {
  return `${location.file}${location.line !== undefined ? `:${location.line}${location.column !== undefined ? `:${location.column}` : ''}` : ''}`;
}

/**
 * The record of a runaway, with its one-line message: what ran, for how
 * long, where (said plainly as where the function is defined, since a
 * terminated call leaves no stack), and what the engine did about it.
 */
export function cutOffRecord(runaway: Runaway, location: CutOffRecord['location'], consequence: string): CutOffRecord {
  const call = runaway.type === 'cut-off' ? runaway.cutOff.call : runaway.call;
  const limitMs = runaway.type === 'cut-off' ? runaway.cutOff.limitMs : runaway.waitedMs;
  // A module cut off while evaluating is named by the file that was running, when known.
  const shown: PackCall = call.kind === 'module' && location ? { ...call, name: location.file } : call;
  const what =
    runaway.type === 'cut-off'
      ? `${describeCall(shown)} ran for more than ${limitMs} ms and was cut off`
      : `${describeCall(shown)}: its async update did not settle within ${limitMs} ms and the tick went on without it`;
  const where = location ? ` (${WHERE[location.kind]} ${formatLocation(location)})` : '';
  return {
    type: runaway.type,
    ...(call.packName !== undefined ? { packName: call.packName } : {}),
    call: { kind: call.kind, name: shown.name },
    limitMs,
    ...(location ? { location } : {}),
    consequence,
    message: `${what}${where}; ${consequence}`,
    timestamp: runaway.type === 'cut-off' ? runaway.cutOff.timestamp : Date.now(),
  };
}
