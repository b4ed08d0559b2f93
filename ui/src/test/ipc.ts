// The shell as the UI tests see it: answers typed by the generated Commands map, so a
// mock of a command that does not exist, or one answering in the wrong shape, fails
// the type check instead of passing a test against a shell that cannot answer so.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { IpcError } from '../ipc/bindings';
import type { Args, CommandName, Result } from '../ipc/client';

export type Handler<K extends CommandName> = (args: Args<K>) => Result<K> | Promise<Result<K>>;
export type Handlers = { [K in CommandName]?: Handler<K> };

/** Answers commands from `handlers`; any other command rejects as Tauri does. */
export function mockCommands(handlers: Handlers) {
  mockIPC(
    (cmd, args) => {
      const handler = handlers[cmd as CommandName] as ((args: unknown) => unknown) | undefined;
      if (!handler) return Promise.reject(`command ${cmd} not found`);
      return handler(args ?? {});
    },
    { shouldMockEvents: true },
  );
}

/** A refusal as the shell sends one: every field of IpcError, typed. */
export function refuse(error: IpcError): Promise<never> {
  return Promise.reject(error);
}
