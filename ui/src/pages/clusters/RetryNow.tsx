// An offline cluster's "Retry Now": its sync pass at once instead of at the loop's next
// retry; the page updates by itself when the pass ends (the cache-changed event).
import { useState } from 'react';
import { App as AntApp, Button } from '@oceanbase/design';
import type { Cluster, IpcError } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useSaid, useT } from '../../i18n';

export function RetryNow({ cluster }: { cluster: Cluster }) {
  const t = useT();
  const said = useSaid();
  const { message } = AntApp.useApp();
  const [asking, setAsking] = useState(false);
  const retry = () => {
    setAsking(true);
    call('sync_now', { cluster: cluster.id })
      .then(() => void message.info(t('offline.retrying', { cluster: cluster.name })))
      .catch((e: IpcError) => void message.error(said(e.message)))
      .finally(() => setAsking(false));
  };
  return (
    <Button size="small" type="link" loading={asking} onClick={retry}>
      {t('offline.retryNow')}
    </Button>
  );
}
