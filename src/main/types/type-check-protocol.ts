import type { TypeProblem } from '../../shared/model';

/** What the host asks the type-check worker: the problems of one pack folder. */
export interface TypeCheckRequest {
  id: number;
  pack: string;
  dir: string;
}

export type TypeCheckReply = { id: number; pack: string; problems: TypeProblem[]; durationMs: number } | { id: number; pack: string; error: string };

/** What the worker is started with. */
export interface TypeCheckWorkerData {
  root: string;
  packsDir: string;
}
