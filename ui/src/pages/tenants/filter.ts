import type { Tenant } from '../../ipc/bindings';

/** Tenants whose name or cluster contains `query` (case-insensitive, trimmed). */
export function filterTenants(tenants: readonly Tenant[], query: string): Tenant[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...tenants];
  return tenants.filter((t) => t.name.toLowerCase().includes(q) || t.clusterName.toLowerCase().includes(q));
}
