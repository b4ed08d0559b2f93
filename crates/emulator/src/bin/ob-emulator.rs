//! `ob-emulator`: one emulated OceanBase cluster as a process of its own, standing in
//! for a real cluster the desk reaches over the network (the end-to-end tests start it
//! so the desk runs with its sandbox off, as an administrator's does).
//!
//! ```text
//! ob-emulator [--release 4.3.5-ce] [--port 0] [--password PW] [--cluster NAME]
//!             [--tenant NAME:ID:GIB[:archive]]... [--zone ZONE]... [--history-days N]
//!             [--statement-log FILE]
//! ```
//!
//! Prints `listening on 127.0.0.1:PORT` once it accepts connections, then serves until
//! killed. Time is the wall clock. With `--statement-log`, every statement it executes
//! is appended to FILE as one line (credentials redacted as the emulator logs them).

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ob_emulator::{ClusterConfig, Emulator, HistorySeed, Release, ScaledClock, TenantConfig};

/// Says what was wrong and how the command is used.
fn usage(problem: &str) {
    eprintln!("ob-emulator: {problem}");
    eprintln!(
        "usage: ob-emulator [--release KEY] [--port N] [--password PW] [--cluster NAME] \
         [--tenant NAME:ID:GIB[:archive]]... [--zone Z]... [--history-days N] [--statement-log FILE]"
    );
    eprintln!(
        "releases: {}",
        Release::ALL.iter().map(|r| r.key).collect::<Vec<_>>().join(", ")
    );
}

struct Args {
    release: Release,
    port: u16,
    password: String,
    cluster: String,
    tenants: Vec<TenantConfig>,
    zones: Vec<String>,
    history_days: u32,
    statement_log: Option<std::path::PathBuf>,
}

fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{what} is a number, not {text:?}"))
}

fn tenant(spec: &str) -> Result<TenantConfig, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (name, id, gib) = match parts.as_slice() {
        [name, id, gib] | [name, id, gib, "archive"] => (*name, *id, *gib),
        _ => return Err(format!("--tenant {spec:?}: expected NAME:ID:GIB[:archive]")),
    };
    let archive = parts.len() == 4;
    Ok(TenantConfig {
        tenant_id: number(id, "--tenant's ID")?,
        name: name.to_owned(),
        data_bytes: number::<u64>(gib, "--tenant's GIB")? << 30,
        archivelog: archive,
        data_backup_dest: archive.then(|| format!("file:///emulated/{name}/data")),
        log_archive_dest: archive.then(|| format!("file:///emulated/{name}/archive")),
    })
}

/// The arguments, or what is wrong with them (`--help` is an "error" too: usage follows).
fn parse() -> Result<Args, String> {
    let mut args = Args {
        release: Release::V4_3_5_CE,
        port: 0,
        password: String::new(),
        cluster: "emulated".into(),
        tenants: Vec::new(),
        zones: Vec::new(),
        history_days: 0,
        statement_log: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--release" => {
                let key = value()?;
                args.release = Release::by_key(&key).ok_or_else(|| format!("unknown release {key:?}"))?;
            }
            "--port" => args.port = number(&value()?, "--port")?,
            "--password" => args.password = value()?,
            "--cluster" => args.cluster = value()?,
            "--tenant" => args.tenants.push(tenant(&value()?)?),
            "--zone" => args.zones.push(value()?),
            "--history-days" => args.history_days = number(&value()?, "--history-days")?,
            "--statement-log" => args.statement_log = Some(value()?.into()),
            "--help" | "-h" => return Err("an emulated OceanBase cluster".into()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if args.zones.is_empty() {
        args.zones.push("zone1".into());
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(problem) => {
            usage(&problem);
            return std::process::ExitCode::from(2);
        }
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_micros() as i64;
    let config = ClusterConfig {
        cluster_name: args.cluster,
        release: args.release,
        time_zone: "+08:00".into(),
        password: args.password,
        tenants: args.tenants,
        zones: args.zones,
        history: (args.history_days > 0).then_some(HistorySeed {
            days: args.history_days,
        }),
    };
    let emulator = match Emulator::start_on(config, Arc::new(ScaledClock::new(now, 1.0)), args.port).await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ob-emulator: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("listening on {}", emulator.addr());
    let _ = std::io::stdout().flush();
    // The log is copied out as it grows, so a test can read it while this process runs.
    let mut written = 0;
    loop {
        if let Some(path) = &args.statement_log {
            let log = emulator.statement_log();
            if log.len() > written {
                let appended = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .and_then(|mut f| {
                        for line in &log[written..] {
                            writeln!(f, "{}", line.replace('\n', " "))?;
                        }
                        Ok(())
                    });
                match appended {
                    Ok(()) => written = log.len(),
                    Err(e) => eprintln!("ob-emulator: cannot write {}: {e}", path.display()),
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
