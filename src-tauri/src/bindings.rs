//! Renders `ui/src/ipc/bindings.ts`: every IPC type and the command map,
//! generated from the Rust types so the UI never keeps a copy by hand.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

use crate::commands;
use crate::error::{ErrorCode, IpcError};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

/// Collects the declaration of every named type reachable from the commands.
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let mut decl = String::new();
            if let Some(docs) = T::docs() {
                decl.push_str(&docs);
            }
            decl.push_str("export ");
            decl.push_str(&T::decl(self.cfg));
            // Two Rust types with one TypeScript name would silently overwrite each other.
            if let Some(other) = self.decls.insert(T::ident(self.cfg), decl.clone()) {
                assert_eq!(
                    other,
                    decl,
                    "two Rust types are both named {} in TypeScript",
                    T::ident(self.cfg)
                );
            }
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole generated file.
pub fn render() -> String {
    // The app sends 64-bit integers as JSON numbers (ids and microsecond times
    // stay below 2^53), so they are numbers on the TypeScript side too.
    let cfg = Config::new().with_large_int("number".to_owned());
    let mut types = Declarations {
        cfg: &cfg,
        seen: HashSet::new(),
        decls: BTreeMap::new(),
    };
    let signatures = commands::signatures(&cfg, &mut types);
    types.visit::<IpcError>();
    types.visit::<ErrorCode>();
    types.visit::<desk_model::notices::Notice>();

    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p ob-backup-desk --test bindings`\n\
         // (set UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.\n\n",
    );
    if signatures
        .iter()
        .any(|s| s.args.iter().any(|(_, t)| t.starts_with("Channel<")))
    {
        out.push_str("import type { Channel } from '@tauri-apps/api/core';\n\n");
    }
    for decl in types.decls.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every IPC command: its arguments (as `invoke` takes them) and its result. */\n");
    out.push_str("export type Commands = {\n");
    for s in &signatures {
        let args = if s.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = s.args.iter().map(|(n, t)| format!("{}: {}", camel(n), t)).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", s.name, args, s.result));
    }
    out.push_str("};\n\n");
    out.push_str("/** Events the shell emits. */\n");
    out.push_str(&format!(
        "export const EVENTS = {{ cacheChanged: \"{}\", notice: \"{}\" }} as const;\n",
        crate::cache_feed::CACHE_CHANGED,
        crate::notices::NOTICE
    ));
    out
}
