//! Seeds a cache for a manual look or a screenshot:
//! `seed-cache <XDG_DATA_HOME>` then start the app with that XDG_DATA_HOME.

fn main() {
    let dir = std::env::args_os().nth(1).expect("usage: seed-cache <XDG_DATA_HOME>");
    desk_e2e::seed::seed_cache(std::path::Path::new(&dir)).expect("seed the cache");
    println!(
        "seeded {}",
        desk_e2e::seed::cache_path(std::path::Path::new(&dir)).display()
    );
}
