// A refusal from the shell names the field it is about; the dialog shows it under that
// field, or above the form when the field is not one of its own. The shell's words may
// start with the field's name as the code spells it (`targetTenant: ...`): under the field
// its label already says which, above the form the label takes the name's place, so no
// identifier of the code reaches the screen.
import type { IpcError, Words } from '../../ipc/bindings';

export type Placement = { field: string; message: Words } | { field: null; message: Words };

/** `text` without a leading `field:` / `field：` (or `path.field:`). */
function unlabelled(text: string, field: string): string {
  const m = /^\s*([A-Za-z_][\w.[\]]*)\s*[:：]\s*/.exec(text);
  if (!m) return text;
  const name = m[1];
  return name === field || name.endsWith(`.${field}`) ? text.slice(m[0].length) : text;
}

export function placeError(err: IpcError, fields: readonly string[], label?: (field: string) => string | undefined): Placement {
  const field = err.field;
  if (!field) return { field: null, message: err.message };
  const bare: Words = { 'en-US': unlabelled(err.message['en-US'], field), 'zh-CN': unlabelled(err.message['zh-CN'], field) };
  if (fields.includes(field) && !label?.(field)) return { field, message: bare };
  const named = label?.(field);
  if (named) return { field: null, message: { 'en-US': `${named}: ${bare['en-US']}`, 'zh-CN': `${named}：${bare['zh-CN']}` } };
  return { field: null, message: bare };
}
