import { Alert } from '@oceanbase/design';
import type { IpcError } from '../ipc/bindings';
import { useT } from '../i18n';

/** The engine's message as it wrote it, under a translated label. */
export function IpcErrorAlert({ error }: { error: IpcError }) {
  const t = useT();
  return <Alert type="error" showIcon message={error.message} description={t('common.errorCode', { code: error.code })} />;
}
