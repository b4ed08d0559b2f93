// The one way the UI talks to the shell: typed by the generated Commands map.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { ApplyProgress, Commands, Follow, IpcError, TaskProgress } from './bindings';
import { verbatim } from '../i18n';

export type CommandName = keyof Commands;
export type Args<K extends CommandName> = Commands[K]['args'];
export type Result<K extends CommandName> = Commands[K]['result'];

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'object' &&
    (value as IpcError).message !== null
  );
}

/** Any rejection becomes an IpcError; Tauri's own failures are INTERNAL. */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return { ...value, field: value.field ?? null, nearest: value.nearest ?? null };
  const message = typeof value === 'string' ? value : value instanceof Error ? value.message : String(value);
  return { code: 'INTERNAL', message: verbatim(message), field: null, nearest: null };
}

export async function call<K extends CommandName>(cmd: K, args: Args<K>): Promise<Result<K>> {
  try {
    return (await invoke(cmd, args as Record<string, unknown>)) as Result<K>;
  } catch (e) {
    throw toIpcError(e);
  }
}

/** Follows a running task: `onProgress` gets each report; resolves with the last (terminal) one. */
export async function followTask(task: Follow, onProgress: (p: TaskProgress) => void): Promise<TaskProgress> {
  const progress = new Channel<TaskProgress>();
  progress.onmessage = onProgress;
  return call('follow_task', { task, progress });
}

/** Saves and applies a strategy: `onProgress` gets each step and wait of the apply. */
export async function saveStrategy(
  args: Omit<Args<'save_strategy'>, 'progress'>,
  onProgress: (p: ApplyProgress) => void,
): Promise<Result<'save_strategy'>> {
  const progress = new Channel<ApplyProgress>();
  progress.onmessage = onProgress;
  return call('save_strategy', { ...args, progress });
}
