// The one way the UI talks to the shell: typed by the generated Commands map.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { ApplyProgress, Commands, Follow, IpcError, TaskProgress } from './bindings';

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

// Tauri's refusal of arguments that did not deserialize, e.g. "invalid args `strategy`
// for command `preview_strategy`: timeOfDay: must be HH:MM, …": the command's and the
// argument's names are the code's, the rule after them is the model's own (its field first).
const INVALID_ARGS = /^invalid args `[^`]*` for command `[^`]*`: ([\s\S]*)$/;
const FIELD_FIRST = /^([A-Za-z_][\w.]*)\s*:\s*([\s\S]*)$/;

/**
 * Any rejection becomes an IpcError. Arguments Tauri could not read are INVALID_INPUT
 * with the field and rule only; any other failure of Tauri's own is INTERNAL, introduced
 * in the user's language.
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return { ...value, field: value.field ?? null, nearest: value.nearest ?? null };
  const text = typeof value === 'string' ? value : value instanceof Error ? value.message : String(value);
  const args = INVALID_ARGS.exec(text);
  if (args) {
    const named = FIELD_FIRST.exec(args[1]);
    const field = named ? named[1].split('.').pop()! : null;
    const rule = named ? named[2] : args[1];
    return {
      code: 'INVALID_INPUT',
      message: field ? { 'en-US': rule, 'zh-CN': `输入无效：${rule}` } : { 'en-US': `A value entered cannot be read: ${rule}`, 'zh-CN': `输入的值无法读取：${rule}` },
      field,
      nearest: null,
    };
  }
  return {
    code: 'INTERNAL',
    message: { 'en-US': `The desk failed inside (please report it): ${text}`, 'zh-CN': `桌面端内部出错（请报告）：${text}` },
    field: null,
    nearest: null,
  };
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
