// Generated from the Rust types by `cargo test -p ob-backup-desk --test bindings`
// (set UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.

export type AppStatus = { version: string, cache: CacheStatus, };

/**
 * The state of the cache, shown in the top bar and on the Settings page.
 */
export type CacheStatus = { "kind": "ready", path: string, } | { "kind": "recovered", path: string, setAside: string, damage: string, } | { "kind": "readOnlyNewerSchema", path: string, found: number, supported: number, } | { "kind": "unavailable", path: string, message: string, };

/**
 * A cluster known to the desk.
 */
export type Cluster = { id: ClusterId, name: string, host: string, port: number, 
/**
 * An emulated cluster of the built-in sandbox, not a real one.
 */
sandbox: boolean, 
/**
 * Version as the cluster reported it; `None` until the first successful sync.
 */
version: ObVersion | null, 
/**
 * When the last sync of this cluster succeeded.
 */
lastSyncedAt: UtcMicros | null, 
/**
 * The last sync error, if the most recent attempt failed.
 */
lastError: string | null, tenantCount: number, };

/**
 * The desk's own id of a cluster (a row id of the cache, not OceanBase's cluster id).
 */
export type ClusterId = number;

/**
 * Stable error codes. The UI matches on these, never on message text.
 */
export type ErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CACHE_READ_ONLY" | "CACHE_UNAVAILABLE" | "SETTINGS_UNAVAILABLE" | "INTERNAL";

export type IpcError = { code: ErrorCode, message: string, field: string | null, };

/**
 * Languages the UI is translated into. One list: the Settings page offers
 * exactly these.
 */
export type Language = "en-US";

/**
 * An OceanBase version such as `4.3.5.3` or `3.2.2-20220304134610`.
 */
export type ObVersion = string;

export type Settings = { 
/**
 * IANA zone every time on screen is shown in, with its offset.
 */
timeZone: string, language: Language, 
/**
 * Run the built-in sandbox: emulated clusters in this process.
 */
sandbox: boolean, };

export type StartupTiming = { 
/**
 * Milliseconds from process start to the UI's first rendered page.
 */
msSinceStart: number, };

/**
 * A tenant as the cache holds it: the cluster's record plus the desk's ids.
 */
export type Tenant = { id: TenantId, clusterId: ClusterId, clusterName: string, 
/**
 * The tenant belongs to an emulated sandbox cluster.
 */
sandbox: boolean, 
/**
 * OceanBase's TENANT_ID within its cluster.
 */
obTenantId: number, name: string, 
/**
 * SYS, USER or META.
 */
tenantType: string, 
/**
 * NORMAL, RESTORE, CREATING, DROPPING ...
 */
status: string, 
/**
 * PRIMARY, STANDBY, RESTORE ...
 */
role: string, 
/**
 * ARCHIVELOG or NOARCHIVELOG.
 */
logMode: string, unitNum: number, };

/**
 * The desk's own id of a tenant (a row id of the cache, not OceanBase's TENANT_ID).
 */
export type TenantId = number;

/**
 * A UTC instant in microseconds since the Unix epoch.
 *
 * Microseconds because OceanBase restore points are microsecond-precise; an
 * `i64` covers ±292,000 years and fits a JavaScript number exactly up to
 * year 2255, far beyond any backup.
 */
export type UtcMicros = number;

/** Every IPC command: its arguments (as `invoke` takes them) and its result. */
export type Commands = {
  app_status: { args: Record<string, never>; result: AppStatus };
  list_clusters: { args: Record<string, never>; result: Array<Cluster> };
  list_tenants: { args: { clusterId: ClusterId | null }; result: Array<Tenant> };
  get_tenant: { args: { tenantId: TenantId }; result: Tenant };
  get_settings: { args: Record<string, never>; result: Settings };
  set_settings: { args: { settings: Settings }; result: Settings };
  time_zones: { args: Record<string, never>; result: Array<string> };
  ui_rendered: { args: Record<string, never>; result: StartupTiming };
};

/** Events the shell emits. */
export const EVENTS = { cacheChanged: "cache-changed" } as const;
