# Shared by scripts/run and scripts/test: the LLVM version, the build
# directory, and installing what is missing (Debian 12, non-interactive).

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LLVM_VERSION=${LLVM_VERSION:-19}
LLVM_ROOT=/usr/lib/llvm-$LLVM_VERSION
if [ "$LLVM_VERSION" = 19 ]; then BUILD=$REPO/build; else BUILD=$REPO/build-$LLVM_VERSION; fi
JOBS=$(nproc)

say() { printf '%s\n' "$*" >&2; }

# Installs the Debian packages named, skipping those already installed.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# What building the checker needs. lit comes with llvm-19-tools only (later
# Debian LLVM packages leave it out), and runs any version's tests.
checker_packages() {
  echo cmake ninja-build g++ python3 \
    llvm-$LLVM_VERSION-dev libclang-$LLVM_VERSION-dev clang-$LLVM_VERSION \
    clang-tidy-$LLVM_VERSION llvm-$LLVM_VERSION-tools llvm-19-tools
}

# What the tests add: clang-apply-replacements (the fix-it tests), a
# clang-tidy of another major version (the plugin must refuse it), and
# pre-commit with git (the driver run as a hook), chromium (the HTML report
# opened headless), bazel-bootstrap (the Bazel aspect).
if [ "$LLVM_VERSION" = 19 ]; then OTHER_LLVM_VERSION=22; else OTHER_LLVM_VERSION=19; fi
test_packages() {
  echo clang-tools-$LLVM_VERSION clang-tidy-$OTHER_LLVM_VERSION pre-commit git \
    python3-jsonschema libgtest-dev libgmock-dev pkgconf chromium bazel-bootstrap
}
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py

# Microsoft's SARIF multitool (GitHub's SARIF rules), from npm, into
# $BUILD/tools; the SARIF tests run it.
SARIF_MULTITOOL_VERSION=5.7.0
ensure_sarif_multitool() {
  local dir=$BUILD/tools
  local tool=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  [ -x "$tool" ] && return 0
  command -v npm >/dev/null || ensure_packages nodejs npm
  say "installing @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
    "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >&2
  # Newer npm leaves the package's install script (chmod) unrun.
  chmod u+x "$tool"
}

# Configures (once) and builds the named targets, or everything.
build() {
  if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DTHREADLIFE_LLVM_VERSION="$LLVM_VERSION" >/dev/null
  fi
  if [ $# -gt 0 ]; then
    cmake --build "$BUILD" -j "$JOBS" --target "$@"
  else
    cmake --build "$BUILD" -j "$JOBS"
  fi
}
