// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // First thing: the start of the cold-start measurement the UI closes.
    let started = std::time::Instant::now();
    ob_backup_desk::run(started);
}
