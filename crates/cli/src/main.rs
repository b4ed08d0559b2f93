//! `desk`: OB Backup Desk without a window. It reads and fills the same cache as the
//! app: `sync` brings clusters' backup state in, `tenants`, `tasks` and `restores` list
//! it, `export` writes task history as CSV or JSON (the app's format) and `import`
//! brings such a JSON export in as read-only clusters, `window` shows a tenant's
//! recoverable window and what each stretch of it restores from, and `backup`,
//! `restore` and `cancel` act through the engine's operations (checked and journaled
//! as in the app).
//!
//! Exit codes, for scripts: 0 ok, 2 bad input, 3 not found, 4 cluster unreachable,
//! 5 refused by the cluster or the desk, 6 the local cache cannot be used, 1 anything else. Messages go to stderr and
//! name the field and the rule; `--json` puts the result on stdout as JSON.

mod args;
mod commands;
mod failure;
mod filters;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe panics; a command-line tool
    // ends quietly instead, as `head` expects.
    #[cfg(unix)]
    // SAFETY: called first, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Sync(a) => commands::sync::run(&cli, a),
        Command::Tenants(a) => commands::tenants::run(&cli, a),
        Command::Tasks(a) => commands::tasks::run(&cli, a),
        Command::Restores(a) => commands::restores::run(&cli, a),
        Command::Export(a) => commands::export::run(&cli, a),
        Command::Import(a) => commands::import::run(&cli, a),
        Command::Backup(a) => commands::act::backup(&cli, a),
        Command::Restore(a) => commands::act::restore(&cli, a),
        Command::Cancel(a) => commands::act::cancel(&cli, a),
        Command::Window(a) => commands::window::run(&cli, a),
        Command::Strategy(c) => commands::strategy::run(&cli, c),
        Command::Journal(a) => commands::journal::run(&cli, a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("desk: {f}");
            ExitCode::from(f.kind.exit_code())
        }
    }
}
