//! One module per subcommand; `rows` holds the row shapes `tasks` and `restores` print.

pub mod act;
pub mod export;
pub mod import;
pub mod journal;
pub mod restores;
pub mod rows;
pub mod strategy;
pub mod sync;
pub mod tasks;
pub mod tenants;
pub mod window;
