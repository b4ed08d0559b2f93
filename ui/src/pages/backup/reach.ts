// Whether the desk can act on a cluster right now, and if not, why: imported
// history is read-only, and a cluster the last sync could not reach is offline
// (its pages render from the cache; its actions wait until it is back).
import type { TFunction } from 'i18next';
import type { Cluster } from '../../ipc/bindings';
import { useCallback } from 'react';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { useSettings } from '../../settings/SettingsProvider';
import { formatAge, formatInstant, nowMicros } from '../../time/format';

/** "2026-11-24 08:15:30 UTC+08:00 (3 minutes ago)", or "never". */
export function lastRefreshed(cluster: Cluster, zone: string, now: number, t: TFunction): string {
  if (cluster.lastSyncedAt === null) return t('offline.never');
  return `${formatInstant(cluster.lastSyncedAt, zone)} (${formatAge(cluster.lastSyncedAt, now, t)})`;
}

export function isOffline(cluster: Cluster): boolean {
  return cluster.importedFrom === null && cluster.lastError !== null;
}

/** Why actions on the cluster are refused now; `null` when they can be offered. */
export function unavailableReason(cluster: Cluster | undefined, zone: string, now: number, t: TFunction): string | null {
  if (!cluster) return t('offline.reading');
  if (cluster.importedFrom) return t('offline.imported', { label: cluster.importedFrom });
  if (isOffline(cluster)) return t('offline.reason', { cluster: cluster.name, at: lastRefreshed(cluster, zone, now, t) });
  return null;
}

/** `unavailableReason` by cluster id, from the cached cluster list (for task rows of any cluster). */
export function useUnavailable(): (clusterId: number) => string | null {
  const clusters = useCall('list_clusters', {});
  const { timeZone } = useSettings();
  const t = useT();
  return useCallback(
    (clusterId: number) =>
      clusters.data ? unavailableReason(clusters.data.find((c) => c.id === clusterId), timeZone, nowMicros(), t) : null,
    [clusters.data, timeZone, t],
  );
}
