// What a strategy covers, in words: "tenant trade" or "cluster sandbox-hz" (by name,
// from the cached cluster list).
import type { ClusterId, StrategyScope } from '../../ipc/bindings';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';

export function useScopeWords(cluster: ClusterId, scope: StrategyScope): string {
  const t = useT();
  const clusters = useCall('list_clusters', {});
  if (scope.level === 'tenant') return t('strategy.scopeTenant', { tenant: scope.tenantName });
  const name = clusters.data?.find((c) => c.id === cluster)?.name;
  return name ? t('strategy.scopeCluster', { cluster: name }) : t('strategy.scopeThisCluster');
}
