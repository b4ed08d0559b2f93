# Sourced by the scripts in this folder: installs what a fresh Debian 12
# machine lacks, and only that. Each step is a no-op when already satisfied.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev file)
# A CJK font: without one every 简体中文 string renders blank (the .deb depends on it too).
FONT_PACKAGES=(fonts-noto-cjk)
E2E_PACKAGES=(xvfb xauth webkit2gtk-driver fonts-dejavu-core "${FONT_PACKAGES[@]}")

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_build_packages() { ensure_apt "${BUILD_PACKAGES[@]}"; }
ensure_e2e_packages() { ensure_apt "${E2E_PACKAGES[@]}"; }
ensure_font_packages() { ensure_apt "${FONT_PACKAGES[@]}"; }

ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "== installing tauri-driver"
    # crates.io also carries tauri 3 alphas: stay on the 2.x driver.
    cargo install tauri-driver --version '^2' --locked
  fi
}

# rustfmt and clippy are part of the test command.
ensure_rust_tools() {
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    echo "== installing rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
}

ensure_ui_packages() {
  local stamp="$ROOT/ui/node_modules/.package-lock.json"
  # npm ci also applies ui/patches (its postinstall), so a newer patch installs again.
  if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ] ||
    [ -n "$(find "$ROOT/ui/patches" -newer "$stamp" 2>/dev/null)" ]; then
    echo "== installing UI packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# seekdb: a real OceanBase 4.3.5 kernel (no backup feature) from PyPI, for the
# connector's tests. A venv outside the clone; the version is pinned.
SEEKDB_VENV="$HOME/.cache/ob-backup-desk/seekdb-venv"
SEEKDB_PACKAGE="pylibseekdb==1.4.0.post1"

ensure_seekdb() {
  # Captured first: `pip show | grep -q` dies of SIGPIPE under pipefail.
  local shown
  shown="$("$SEEKDB_VENV/bin/pip" show pylibseekdb 2>/dev/null || true)"
  if ! grep -qx "Version: 1.4.0.post1" <<<"$shown"; then
    echo "== installing seekdb ($SEEKDB_PACKAGE)"
    # Debian's python3 needs python3-venv for `-m venv`.
    python3 -m venv --help >/dev/null 2>&1 || ensure_apt python3-venv
    python3 -m venv "$SEEKDB_VENV"
    "$SEEKDB_VENV/bin/pip" install --quiet --disable-pip-version-check "$SEEKDB_PACKAGE"
  fi
  DESK_SEEKDB="$(find "$SEEKDB_VENV" -path '*/pylibseekdb/seekdb' -type f | head -n 1)"
  [ -x "$DESK_SEEKDB" ] || { echo "seekdb binary not found under $SEEKDB_VENV" >&2; return 1; }
  export DESK_SEEKDB
}

# Cargo's target directory (CARGO_TARGET_DIR, or ./target).
target_dir() {
  cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

tauri_cli() {
  # The CLI must run from the repository root (it finds src-tauri from there).
  (cd "$ROOT" && ui/node_modules/.bin/tauri "$@")
}
