//! `desk strategy list|show|add|edit|pause|resume|delete`: the engine's strategy use
//! cases (`desk_engine::Strategies`), as the app's Backup Strategy tab runs them. An app
//! open on the same cache sees the change within a second (its desk watches for other
//! processes' commits) and its scheduler runs the strategy from then on.

use desk_engine::{ApplyProgress, ApplyStep, ApplyWaits, Strategies, StrategyView};
use desk_model::strategy::{CycleMode, Strategy, StrategyId, StrategyRecord, StrategyScope};
use desk_model::{ClusterId, ObName};
use serde_json::{json, Value};

use crate::args::{Cli, StrategyCommand, StrategyFileArgs};
use crate::commands::act::{failure, operator_in, runtime};
use crate::failure::{Failure, Kind};
use crate::filters::cluster_named;
use crate::filters::open_desk;
use crate::output::{clean, json, table, utc};

fn strategies(cli: &Cli, password_env: Option<&String>) -> Result<Strategies, Failure> {
    let desk = open_desk(cli, false)?;
    let op = operator_in(&desk, password_env)?;
    Ok(desk.strategies_with(op)?)
}

pub fn run(cli: &Cli, c: &StrategyCommand) -> Result<(), Failure> {
    match c {
        StrategyCommand::List { cluster } => list(cli, cluster.as_deref()),
        StrategyCommand::Show(a) => show(cli, StrategyId(a.id)),
        StrategyCommand::Add(a) => {
            let s = strategies(cli, a.from.password_env.as_ref())?;
            let cluster = cluster_named(&s.op.lock(), &a.cluster)?;
            let scope = match &a.tenant {
                None => StrategyScope::Cluster,
                Some(name) => {
                    let tenant =
                        s.op.lock()
                            .tenants(Some(cluster.id))?
                            .into_iter()
                            .find(|t| t.record.name.eq_ignore_ascii_case(name))
                            .ok_or_else(|| {
                                Failure::field(
                                    Kind::NotFound,
                                    "tenant",
                                    format!("{name:?} is not a cached tenant of {}", cluster.name),
                                )
                            })?;
                    StrategyScope::Tenant {
                        ob_tenant_id: tenant.record.ob_tenant_id,
                        tenant_name: ObName::parse("tenant", &tenant.record.name)
                            .map_err(|e| Failure::named(Kind::BadInput, e.field, &e.words().en))?,
                    }
                }
            };
            let strategy = read_file(&a.from, cluster.id, &scope, false)?;
            save(cli, &s, None, strategy, &a.from)
        }
        StrategyCommand::Edit(a) => {
            let s = strategies(cli, a.from.password_env.as_ref())?;
            let id = StrategyId(a.id);
            let current = s.get(id).map_err(failure)?;
            let strategy = read_file(
                &a.from,
                current.strategy.cluster_id,
                &current.strategy.scope,
                current.strategy.paused,
            )?;
            save(cli, &s, Some(id), strategy, &a.from)
        }
        StrategyCommand::Pause(a) => paused(cli, StrategyId(a.id), true),
        StrategyCommand::Resume(a) => paused(cli, StrategyId(a.id), false),
        StrategyCommand::Delete(a) => {
            let s = strategies(cli, None)?;
            runtime()?.block_on(s.delete(StrategyId(a.id))).map_err(failure)?;
            if cli.json {
                return json(&json!({ "deleted": a.id }));
            }
            println!("strategy {} deleted; the cluster's destinations stay as they are", a.id);
            Ok(())
        }
    }
}

/// The file's strategy on `cluster` and `scope` (a file names neither: they are the
/// flags', or the edited strategy's). `paused` is the default when the file omits it.
fn read_file(
    a: &StrategyFileArgs,
    cluster: ClusterId,
    scope: &StrategyScope,
    paused: bool,
) -> Result<Strategy, Failure> {
    let file = |rule: String| Failure::field(Kind::BadInput, "file", rule);
    let bytes = std::fs::read(&a.file).map_err(|e| file(format!("cannot read {}: {e}", a.file.display())))?;
    let mut value: Value =
        serde_json::from_slice(&bytes).map_err(|e| file(format!("{} is not JSON: {e}", a.file.display())))?;
    let Some(fields) = value.as_object_mut() else {
        return Err(file(format!("{} must hold a JSON object", a.file.display())));
    };
    fields.insert("clusterId".into(), json!(cluster.0));
    fields.insert("scope".into(), serde_json::to_value(scope).expect("a scope serializes"));
    fields.entry("paused").or_insert(json!(paused));
    fields.entry("storage").or_insert(Value::Null);
    serde_json::from_value(value).map_err(|e| file(format!("{}: {e}", a.file.display())))
}

fn save(
    cli: &Cli,
    s: &Strategies,
    id: Option<StrategyId>,
    strategy: Strategy,
    a: &StrategyFileArgs,
) -> Result<(), Failure> {
    let secret = match &a.secret_env {
        None => None,
        Some(var) => Some(std::env::var(var).map_err(|_| {
            Failure::field(
                Kind::BadInput,
                "secret-env",
                format!("the environment variable {var:?} is not set"),
            )
        })?),
    };
    let quiet = cli.json;
    let mut progress = |p: ApplyProgress| {
        if !quiet {
            eprintln!("desk: {}", progress_text(&p));
        }
    };
    let saved = runtime()?
        .block_on(s.save(id, strategy, secret, ApplyWaits::default(), &mut progress))
        .map_err(|e| match e.field {
            // The engine names the form's fields; here they came from the file.
            Some(field) if crate::failure::flag_for(field).is_none() => {
                Failure::field(Kind::BadInput, "file", e.message.en.clone())
            }
            _ => failure(e),
        })?;
    if cli.json {
        return json(&saved);
    }
    print_view(&saved.view);
    Ok(())
}

/// One step of applying a strategy, as the log line a script's operator reads.
fn progress_text(p: &ApplyProgress) -> String {
    let step = match p.step {
        ApplyStep::CancelingBackup => "cancelling the running data backup",
        ApplyStep::StoppingArchive => "stopping log archiving",
        ApplyStep::SettingDestination => "setting the destinations",
        ApplyStep::StartingArchive => "starting log archiving",
        ApplyStep::SettingRetention => "setting the delete policy",
    };
    let who = if p.tenant.is_empty() {
        "cluster"
    } else {
        p.tenant.as_str()
    };
    if p.limit_secs == 0 {
        format!("{who}: {step}")
    } else {
        format!(
            "{who}: {step} (waited {}s of {}s; the cluster says {})",
            p.waited_secs, p.limit_secs, p.cluster_says
        )
    }
}

fn mode_text(mode: CycleMode) -> &'static str {
    match mode {
        CycleMode::Week => "weekly",
        CycleMode::Month => "monthly",
    }
}

fn paused(cli: &Cli, id: StrategyId, paused: bool) -> Result<(), Failure> {
    let s = strategies(cli, None)?;
    let record = s.set_paused(id, paused).map_err(failure)?;
    if cli.json {
        return json(&record);
    }
    let state = if paused { "paused" } else { "running again" };
    println!("strategy {} {state}", record.id.0);
    Ok(())
}

fn scope_text(scope: &StrategyScope) -> String {
    match scope {
        StrategyScope::Cluster => "cluster".into(),
        StrategyScope::Tenant { tenant_name, .. } => format!("tenant {tenant_name}"),
    }
}

fn storage_text(r: &StrategyRecord) -> String {
    match &r.strategy.storage {
        None => "the cluster's own destinations".into(),
        Some(s) => clean(&format!("{}://{}", s.kind.scheme(), s.path.trim_start_matches('/'))),
    }
}

fn list(cli: &Cli, cluster: Option<&str>) -> Result<(), Failure> {
    let s = strategies(cli, None)?;
    let clusters = s.op.lock().clusters()?;
    let id = cluster
        .map(|n| cluster_named(&s.op.lock(), n).map(|c| c.id))
        .transpose()?;
    let records = s.list(id).map_err(failure)?;
    if cli.json {
        return json(&json!({ "strategies": records }));
    }
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let cluster = clusters
                .iter()
                .find(|c| c.id == r.strategy.cluster_id)
                .map_or_else(|| r.strategy.cluster_id.0.to_string(), |c| c.name.clone());
            vec![
                r.id.0.to_string(),
                cluster,
                scope_text(&r.strategy.scope),
                format!(
                    "{} at {} {}",
                    mode_text(r.strategy.schedule.mode),
                    r.strategy.schedule.time_of_day,
                    r.strategy.schedule.time_zone
                ),
                storage_text(r),
                if r.strategy.paused { "paused" } else { "running" }.into(),
                utc(Some(r.updated_at)),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            "CLUSTER",
            "SCOPE",
            "SCHEDULE",
            "STORAGE",
            "STATE",
            "UPDATED (UTC)",
        ],
        &rows,
    );
    Ok(())
}

fn show(cli: &Cli, id: StrategyId) -> Result<(), Failure> {
    let s = strategies(cli, None)?;
    let record = s.get(id).map_err(failure)?;
    let view = runtime()?.block_on(s.view(record, false)).map_err(failure)?;
    if cli.json {
        return json(&view);
    }
    print_view(&view);
    Ok(())
}

fn print_view(v: &StrategyView) {
    let r = &v.record;
    println!("strategy {} ({})", r.id.0, scope_text(&r.strategy.scope));
    println!("storage:     {}", storage_text(r));
    println!(
        "schedule:    {} at {} {}",
        mode_text(r.strategy.schedule.mode),
        r.strategy.schedule.time_of_day,
        r.strategy.schedule.time_zone
    );
    println!(
        "log backup:  {}",
        if r.strategy.log_backup.enabled { "on" } else { "off" }
    );
    println!("retention:   {} days", r.strategy.retention_days);
    println!("state:       {}", if r.strategy.paused { "paused" } else { "running" });
    if !v.next_runs.is_empty() {
        println!("next runs (UTC):");
        for run in &v.next_runs {
            println!("  {}  {}", utc(Some(run.at)), run.method.as_str());
        }
    }
}
