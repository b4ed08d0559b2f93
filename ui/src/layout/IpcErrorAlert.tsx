import { Alert } from '@oceanbase/design';
import type { IpcError } from '../ipc/bindings';

export function IpcErrorAlert({ error }: { error: IpcError }) {
  return <Alert type="error" showIcon message={error.message} description={`Error code ${error.code}`} />;
}
