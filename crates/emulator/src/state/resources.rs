//! Resource units and pools (DBA_OB_UNIT_CONFIGS, DBA_OB_RESOURCE_POOLS): what a restore
//! needs before it can create its tenant.

use super::{int, null, real, text, time, Cluster, Context, Row};
use crate::errors::{self, SqlResult};
use crate::sql::{PoolSpec, UnitSpec};
use crate::timestamp::parse_capacity;

/// OceanBase 4.x refuses units smaller than this (`__min_full_resource_pool_memory`).
const MIN_MEMORY: u64 = 1 << 30;

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub created: i64,
    pub max_cpu: f64,
    pub min_cpu: f64,
    pub memory: i64,
    pub log_disk: i64,
    pub max_iops: i64,
    pub min_iops: i64,
    pub iops_weight: i64,
}

#[derive(Debug, Clone)]
pub struct Pool {
    pub id: i64,
    pub name: String,
    pub created: i64,
    pub modified: i64,
    pub unit_id: i64,
    pub unit_count: i64,
    pub zones: Vec<String>,
    pub tenant_id: Option<i64>,
}

impl Cluster {
    pub(super) fn allocate_unit_id(&mut self) -> i64 {
        let id = self.next_unit_id;
        self.next_unit_id += 1;
        id
    }

    pub(super) fn allocate_pool_id(&mut self) -> i64 {
        let id = self.next_pool_id;
        self.next_pool_id += 1;
        id
    }

    pub(super) fn create_unit_config(&mut self, name: &str, id: i64, cpu: f64, memory: i64, now: i64) {
        self.units.push(Unit {
            id,
            name: name.to_string(),
            created: now,
            max_cpu: cpu,
            min_cpu: cpu,
            memory,
            log_disk: memory.saturating_mul(3),
            max_iops: i64::MAX,
            min_iops: i64::MAX,
            iops_weight: cpu as i64,
        });
    }

    pub(super) fn create_pool_record(
        &mut self,
        name: &str,
        id: i64,
        unit_id: i64,
        zones: Vec<String>,
        tenant_id: Option<i64>,
        now: i64,
    ) {
        self.pools.push(Pool {
            id,
            name: name.to_string(),
            created: now,
            modified: now,
            unit_id,
            unit_count: 1,
            zones,
            tenant_id,
        });
    }

    fn find_unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name.eq_ignore_ascii_case(name))
    }

    pub fn find_pool(&self, name: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub(super) fn create_unit(&mut self, spec: &UnitSpec, ctx: &Context) -> SqlResult<()> {
        if self.find_unit(&spec.name).is_some() {
            return if spec.if_not_exists {
                Ok(())
            } else {
                Err(errors::unit_exist(&spec.name))
            };
        }
        let mut max_cpu = None;
        let mut min_cpu = None;
        let mut memory = None;
        let mut log_disk = None;
        let mut max_iops = None;
        let mut min_iops = None;
        let mut iops_weight = None;
        // 3.x names its unit options MAX_MEMORY / MIN_MEMORY and needs MAX_IOPS,
        // MAX_DISK_SIZE and MAX_SESSION_NUM too (V3.1.5 SQL reference
        // `1700.create-resource-unit.md`); 4.x has MEMORY_SIZE and LOG_DISK_SIZE.
        let v3 = self.info.release.line == crate::release::Line::V3;
        let memory_key = if v3 { "MAX_MEMORY" } else { "MEMORY_SIZE" };
        let mut v3_required = vec!["MAX_IOPS", "MAX_DISK_SIZE", "MAX_SESSION_NUM"];
        for (key, value) in &spec.options {
            let number = || {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .ok_or_else(|| errors::invalid_argument(key))
            };
            let capacity = || {
                parse_capacity(value)
                    .and_then(|v| i64::try_from(v).ok())
                    .ok_or_else(|| errors::invalid_argument(key))
            };
            v3_required.retain(|k| k != key);
            match key.as_str() {
                "MAX_CPU" => max_cpu = Some(number()?),
                "MIN_CPU" => min_cpu = Some(number()?),
                k if k == memory_key => memory = Some(capacity()?),
                "LOG_DISK_SIZE" if !v3 => log_disk = Some(capacity()?),
                "MIN_MEMORY" | "MAX_DISK_SIZE" if v3 => {
                    capacity()?;
                }
                "MAX_SESSION_NUM" if v3 => {
                    number()?;
                }
                "MAX_IOPS" => max_iops = Some(number()? as i64),
                "MIN_IOPS" => min_iops = Some(number()? as i64),
                "IOPS_WEIGHT" if !v3 => iops_weight = Some(number()? as i64),
                _ => return Err(errors::invalid_argument(key)),
            }
        }
        let max_cpu = max_cpu.ok_or_else(|| errors::missing_argument("MAX_CPU"))?;
        let memory = memory.ok_or_else(|| errors::missing_argument(memory_key))?;
        if let Some(missing) = v3_required.first().filter(|_| v3) {
            return Err(errors::missing_argument(missing));
        }
        if (memory as u64) < MIN_MEMORY {
            return Err(errors::unit_value_below_limit(memory_key, "1G"));
        }
        let min_cpu = min_cpu.unwrap_or(max_cpu);
        if min_cpu > max_cpu {
            return Err(errors::invalid_argument("MIN_CPU"));
        }
        let id = self.allocate_unit_id();
        self.units.push(Unit {
            id,
            name: spec.name.clone(),
            created: ctx.now,
            max_cpu,
            min_cpu,
            memory,
            log_disk: log_disk.unwrap_or(memory.saturating_mul(3)),
            max_iops: max_iops.unwrap_or(i64::MAX),
            min_iops: min_iops.unwrap_or(i64::MAX),
            iops_weight: iops_weight.unwrap_or(min_cpu as i64),
        });
        Ok(())
    }

    pub(super) fn drop_unit(&mut self, name: &str, if_exists: bool) -> SqlResult<()> {
        let Some(unit) = self.find_unit(name) else {
            return if if_exists {
                Ok(())
            } else {
                Err(errors::unit_not_exist(name))
            };
        };
        let id = unit.id;
        if self.pools.iter().any(|p| p.unit_id == id) {
            return Err(errors::unit_is_referenced(name));
        }
        self.units.retain(|u| u.id != id);
        Ok(())
    }

    pub(super) fn create_pool(&mut self, spec: &PoolSpec, ctx: &Context) -> SqlResult<()> {
        if self.find_pool(&spec.name).is_some() {
            return if spec.if_not_exists {
                Ok(())
            } else {
                Err(errors::pool_exist(&spec.name))
            };
        }
        let unit_name = spec.unit.as_deref().ok_or_else(|| errors::missing_argument("UNIT"))?;
        let unit_id = self
            .find_unit(unit_name)
            .map(|u| u.id)
            .ok_or_else(|| errors::unit_not_exist(unit_name))?;
        let unit_count = match &spec.unit_num {
            Some(n) => n
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| errors::invalid_argument("UNIT_NUM"))?,
            None => 1,
        };
        let zones = match &spec.zones {
            Some(zones) => zones.clone(),
            None => self.info.zones.clone(),
        };
        let mut canonical = Vec::with_capacity(zones.len());
        for zone in &zones {
            let known = self
                .info
                .zones
                .iter()
                .find(|z| z.eq_ignore_ascii_case(zone))
                .ok_or_else(|| errors::zone_not_exist(zone))?;
            if canonical.contains(known) {
                return Err(errors::invalid_argument("ZONE_LIST"));
            }
            canonical.push(known.clone());
        }
        let id = self.allocate_pool_id();
        self.pools.push(Pool {
            id,
            name: spec.name.clone(),
            created: ctx.now,
            modified: ctx.now,
            unit_id,
            unit_count,
            zones: canonical,
            tenant_id: None,
        });
        Ok(())
    }

    pub(super) fn drop_pool(&mut self, name: &str, if_exists: bool) -> SqlResult<()> {
        let Some(pool) = self.find_pool(name) else {
            return if if_exists {
                Ok(())
            } else {
                Err(errors::pool_not_exist(name))
            };
        };
        if pool.tenant_id.is_some() {
            return Err(errors::pool_already_granted(name));
        }
        let id = pool.id;
        self.pools.retain(|p| p.id != id);
        Ok(())
    }

    /// Checks a restore's `pool_list`: every pool exists and is free.
    pub(super) fn check_free_pools(&self, names: &[String]) -> SqlResult<()> {
        for name in names {
            let pool = self.find_pool(name).ok_or_else(|| errors::pool_not_exist(name))?;
            if pool.tenant_id.is_some() {
                return Err(errors::pool_already_granted(name));
            }
        }
        Ok(())
    }

    pub(super) fn grant_pools(&mut self, names: &[String], tenant_id: i64, now: i64) {
        for pool in &mut self.pools {
            if names.iter().any(|n| n.eq_ignore_ascii_case(&pool.name)) {
                pool.tenant_id = Some(tenant_id);
                pool.modified = now;
            }
        }
    }

    pub(super) fn release_pools(&mut self, tenant_id: i64, now: i64) {
        for pool in &mut self.pools {
            if pool.tenant_id == Some(tenant_id) {
                pool.tenant_id = None;
                pool.modified = now;
            }
        }
    }

    pub(super) fn unit_rows(&self) -> Vec<Row> {
        self.units
            .iter()
            .map(|u| {
                vec![
                    ("UNIT_CONFIG_ID", int(u.id)),
                    ("NAME", text(&u.name)),
                    ("CREATE_TIME", time(u.created)),
                    ("MODIFY_TIME", time(u.created)),
                    ("MAX_CPU", real(u.max_cpu)),
                    ("MIN_CPU", real(u.min_cpu)),
                    ("MEMORY_SIZE", int(u.memory)),
                    ("LOG_DISK_SIZE", int(u.log_disk)),
                    ("MAX_IOPS", int(u.max_iops)),
                    ("MIN_IOPS", int(u.min_iops)),
                    ("IOPS_WEIGHT", int(u.iops_weight)),
                ]
            })
            .collect()
    }

    pub(super) fn pool_rows(&self) -> Vec<Row> {
        self.pools
            .iter()
            .map(|p| {
                vec![
                    ("RESOURCE_POOL_ID", int(p.id)),
                    ("NAME", text(&p.name)),
                    ("TENANT_ID", p.tenant_id.map(int).unwrap_or_else(null)),
                    ("CREATE_TIME", time(p.created)),
                    ("MODIFY_TIME", time(p.modified)),
                    ("UNIT_COUNT", int(p.unit_count)),
                    ("UNIT_CONFIG_ID", int(p.unit_id)),
                    ("ZONE_LIST", text(p.zones.join(";"))),
                    ("REPLICA_TYPE", text("FULL")),
                ]
            })
            .collect()
    }
}
