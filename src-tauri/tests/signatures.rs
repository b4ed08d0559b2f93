//! The `commands!` table (which the TypeScript command map is generated from) says
//! what each command function says: the same commands, argument names, argument
//! types and result. Read from the source, so a renamed argument, a changed type or a
//! command left out of the table fails here rather than at run time in the UI.

use std::collections::BTreeMap;
use std::path::Path;

use quote::ToTokens;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// (arguments as (name, type), result type), each type as normalised token text.
type Shape = (Vec<(String, String)>, String);

fn text(t: &impl ToTokens) -> String {
    plain(&t.to_token_stream().to_string())
}

/// Type text without spaces or module paths (`desk_engine::X` and `X` are one type here;
/// the compiler checks the paths).
fn plain(ty: &str) -> String {
    let ty = ty.replace(' ', "");
    let mut out = String::new();
    let mut word = String::new();
    let mut chars = ty.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            word.clear();
        } else {
            out.push_str(&std::mem::take(&mut word));
            out.push(c);
        }
    }
    out + &word
}

/// The last path segment's name and its first generic argument, e.g. `State<'_, X>` -> ("State", ..).
fn outer(ty: &Type) -> Option<(String, Option<&Type>)> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let inner = match &last.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    };
    Some((last.ident.to_string(), inner))
}

/// Every `#[tauri::command]` function in the shell's source.
fn commands() -> Vec<syn::ItemFn> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        out.extend(file.items.into_iter().filter_map(|item| {
            match item {
                Item::Fn(f)
                    if f.attrs
                        .iter()
                        .any(|a| a.path().to_token_stream().to_string().replace(' ', "") == "tauri::command") =>
                {
                    Some(f)
                }
                _ => None,
            }
        }));
    }
    out
}

/// Each command with what the UI sends (Tauri's injected State and AppHandle left out;
/// a Channel kept as `Channel<T>`).
fn command_functions() -> BTreeMap<String, Shape> {
    let mut out = BTreeMap::new();
    for f in commands() {
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(t) = input else { continue };
            let Pat::Ident(name) = &*t.pat else { continue };
            match outer(&t.ty) {
                Some((kind, _)) if kind == "State" || kind == "AppHandle" => continue,
                Some((kind, Some(inner))) if kind == "Channel" => {
                    args.push((name.ident.to_string(), format!("Channel<{}>", text(inner))))
                }
                _ => args.push((name.ident.to_string(), text(&t.ty))),
            }
        }
        // `Reply<T>` (or `Result<T, IpcError>`): the UI receives T.
        let result = match &f.sig.output {
            ReturnType::Type(_, ty) => match outer(ty) {
                Some((_, Some(inner))) => text(inner),
                _ => text(ty),
            },
            ReturnType::Default => "()".into(),
        };
        let name = f.sig.ident.to_string();
        assert!(
            out.insert(name.clone(), (args, result)).is_none(),
            "two commands are named {name}"
        );
    }
    out
}

/// The `commands!` table in commands.rs, parsed as the macro reads it.
fn table() -> BTreeMap<String, Shape> {
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands.rs")).unwrap();
    let start = source.find("\ncommands! {").expect("the table") + "\ncommands! {".len();
    let end = start + source[start..].find("\n}").expect("its end");
    let mut out = BTreeMap::new();
    for line in source[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("fn "))
    {
        let line = line.trim_end_matches(';');
        let (head, result) = line.rsplit_once("->").expect("a result");
        let name = head[3..head.find('(').unwrap()].trim().to_owned();
        let params = &head[head.find('(').unwrap() + 1..head.rfind(')').unwrap()];
        let mut args: Vec<(String, String)> = Vec::new();
        if !params.trim().is_empty() {
            // Split on top-level commas only (types hold `<A, B>`).
            let mut depth = 0;
            let mut piece = String::new();
            let mut pieces = Vec::new();
            for c in params.chars() {
                match c {
                    '<' | '(' => depth += 1,
                    '>' | ')' => depth -= 1,
                    ',' if depth == 0 => {
                        pieces.push(std::mem::take(&mut piece));
                        continue;
                    }
                    _ => {}
                }
                piece.push(c);
            }
            pieces.push(piece);
            for p in pieces {
                let (n, t) = p.split_once(':').unwrap();
                args.push((n.trim().to_owned(), plain(t)));
            }
        }
        if let Some(chan) = head.split("[channel").nth(1) {
            let chan = chan.trim_end().trim_end_matches(']');
            let (n, t) = chan.split_once(':').unwrap();
            args.push((n.trim().to_owned(), format!("Channel<{}>", plain(t))));
        }
        out.insert(name, (args, plain(result)));
    }
    out
}

#[test]
fn the_command_table_says_what_each_command_function_says() {
    let functions = command_functions();
    let table = table();
    assert!(table.len() > 30, "the table was read: {}", table.len());
    let missing: Vec<_> = functions.keys().filter(|n| !table.contains_key(*n)).collect();
    assert!(
        missing.is_empty(),
        "commands not in the table (not registered, not typed): {missing:?}"
    );
    let stale: Vec<_> = table.keys().filter(|n| !functions.contains_key(*n)).collect();
    assert!(stale.is_empty(), "table rows with no command function: {stale:?}");
    for (name, shape) in &functions {
        assert_eq!(
            &table[name], shape,
            "{name}: the table (left) and the function (right) differ"
        );
    }
}

/// Commands whose bodies are more than a call into the engine or the store, and why the
/// shell owns what they do. Any other command is one call (at most three statements).
const SHELL_WORK: &[(&str, &str)] = &[
    ("app_status", "the shell's own state: version and how the cache opened"),
    ("ui_rendered", "the shell's start-up timing"),
    (
        "set_settings",
        "settings live in tauri-plugin-store; a sandbox switch restarts the fleet",
    ),
    ("export_history", "where the file goes: the OS's Downloads folder"),
];

#[test]
fn the_shell_holds_no_workflow() {
    let long: Vec<String> = commands()
        .into_iter()
        .filter(|f| f.block.stmts.len() > 3 && !SHELL_WORK.iter().any(|(n, _)| f.sig.ident == n))
        .map(|f| format!("{} ({} statements)", f.sig.ident, f.block.stmts.len()))
        .collect();
    assert!(long.is_empty(), "commands doing the engine's work: {long:?}");
}
