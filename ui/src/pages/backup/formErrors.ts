// A refusal from the shell names the field it is about; the dialog shows it
// under that field, or above the form when the field is not one of its own.
import type { IpcError, Words } from '../../ipc/bindings';

export type Placement = { field: string; message: Words } | { field: null; message: Words };

export function placeError(err: IpcError, fields: readonly string[]): Placement {
  if (err.field && fields.includes(err.field)) return { field: err.field, message: err.message };
  return { field: null, message: err.message };
}
