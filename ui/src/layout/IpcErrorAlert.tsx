import { Alert } from '@oceanbase/design';
import type { IpcError } from '../ipc/bindings';
import { useSaid, useT } from '../i18n';

/** The desk's message in the current language, with its code. */
export function IpcErrorAlert({ error }: { error: IpcError }) {
  const t = useT();
  const said = useSaid();
  return <Alert type="error" showIcon message={said(error.message)} description={t('common.errorCode', { code: error.code })} />;
}
