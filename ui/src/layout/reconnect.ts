// Says when a cluster that was offline is back: the sync loop reconnects by
// itself, and the administrator should not have to watch the Clusters page.
import { useEffect, useRef } from 'react';
import { App as AntApp } from '@oceanbase/design';
import { useCall } from '../ipc/query';
import { useT } from '../i18n';
import { isOffline } from '../pages/backup/reach';

/** Names of clusters offline before and reachable now. */
export function cameBack(before: ReadonlyMap<number, boolean>, now: { id: number; name: string; offline: boolean }[]): string[] {
  return now.filter((c) => before.get(c.id) === true && !c.offline).map((c) => c.name);
}

export function useReconnectToasts() {
  const clusters = useCall('list_clusters', {});
  const { message } = AntApp.useApp();
  const t = useT();
  const seen = useRef(new Map<number, boolean>());
  useEffect(() => {
    if (!clusters.data) return;
    const now = clusters.data.map((c) => ({ id: c.id, name: c.name, offline: isOffline(c) }));
    for (const name of cameBack(seen.current, now)) void message.success(t('offline.back', { cluster: name }), 8);
    seen.current = new Map(now.map((c) => [c.id, c.offline]));
  }, [clusters.data, message, t]);
}
