#!/usr/bin/env bash
# Builds HookGuard from this checkout as a native binary, puts `hookguard` on PATH and installs its git
# hooks (pre-commit, pre-merge-commit, pre-push, post-commit, post-merge) into the repository you run
# this from (any folder inside it). Safe to run again.
#
#   path/to/hookguard/install.sh                 build if needed, link, install the hooks
#   path/to/hookguard/install.sh --hooks pre-commit
#   path/to/hookguard/install.sh --husky         Husky.Net: add HookGuard's tasks to .husky/task-runner.json
#   path/to/hookguard/install.sh --no-hooks      build and link only (CI, or a repository whose hook manager runs hookguard)
#   path/to/hookguard/install.sh --no-link       do not link hookguard into ~/.local/bin
#   path/to/hookguard/install.sh --uninstall     remove the hooks (and with --husky, the tasks)
#
# The binary goes to $HOOKGUARD_HOME/bin (default ~/.local/share/hookguard/bin) and is linked from
# $HOOKGUARD_LINK_DIR (default ~/.local/bin); hooks call it by its full path. It is rebuilt when the
# sources' content differs from what it was built from (a hash kept next to it), not by file times.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home_dir=${HOOKGUARD_HOME:-${XDG_DATA_HOME:-${HOME:-/tmp}/.local/share}/hookguard}
bin_dir="$home_dir/bin"
bin="$bin_dir/hookguard"
stamp="$bin_dir/.source-sha256"
link_dir=${HOOKGUARD_LINK_DIR:-${HOME:-/tmp}/.local/bin}

say() { echo "install.sh: $*"; }
fail() { echo "install.sh: $*" >&2; exit 1; }

action=install hooks=yes link=yes
args=()
for arg in "$@"; do
  case "$arg" in
    --uninstall) action=uninstall ;;
    --no-hooks) hooks=no ;;
    --no-link) link=no ;;
    --source-hash) action=source-hash ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

# What the binary is built from, by content: file names and bytes, sorted the same everywhere.
source_hash() {
  local sum=sha256sum
  command -v sha256sum >/dev/null 2>&1 || sum="shasum -a 256"
  (cd "$src" && find src rules hooks Directory.Build.props Directory.Packages.props global.json -type f \
      -not -path '*/bin/*' -not -path '*/obj/*' -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 $sum | $sum | cut -c1-64)
}
if [ "$action" = source-hash ]; then source_hash; exit 0; fi

if [ "$hooks" = yes ] || [ "$action" = uninstall ]; then
  command -v git >/dev/null 2>&1 ||
    fail "git is not installed. Install it first: 'sudo apt-get install git' (Debian/Ubuntu), 'brew install git' (macOS) or https://git-scm.com/downloads"
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
    fail "$(pwd) is not inside a git repository. cd into the repository to protect and run $0 again (or pass --no-hooks to only build)."
fi

# NativeAOT links with the platform's C toolchain: say so before a long build fails at its last step.
check_toolchain() {
  [ "$(uname -s)" = Linux ] || return 0
  local missing=()
  command -v clang >/dev/null 2>&1 || compgen -c clang- | grep -qE '^clang-[0-9]+$' || missing+=(clang)
  local zlib=no d
  for d in /usr/lib /usr/lib64 /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/local/lib; do
    if [ -e "$d/libz.a" ] || [ -e "$d/libz.so" ]; then zlib=yes; fi
  done
  [ "$zlib" = yes ] || missing+=("zlib (development files)")
  [ ${#missing[@]} -eq 0 ] && return 0
  fail "building the native binary needs ${missing[*]}, which NativeAOT links with. Install: 'sudo apt-get install clang zlib1g-dev' (Debian/Ubuntu), 'sudo dnf install clang zlib-devel' (Fedora), 'sudo apk add clang zlib-dev' (Alpine); then run $0 again"
}

build() {
  command -v dotnet >/dev/null 2>&1 ||
    fail "the .NET SDK is not installed; HookGuard builds with .NET 10. Install it: 'sudo apt-get install dotnet-sdk-10.0' or https://dotnet.microsoft.com/download (then run $0 again)"
  check_toolchain
  local rid commit out log pid started phase last="" elapsed
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  commit=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  [ -z "$(git -C "$src" status --porcelain -- src rules hooks 2>/dev/null)" ] || commit="$commit-modified"
  out=$(mktemp -d)
  log="$out.log"
  say "building HookGuard $commit (NativeAOT, ${rid:-linux-x64}) into $bin_dir; the first build takes a few minutes"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$src/src/HookGuard.Cli/HookGuard.Cli.csproj" \
    -c Release -r "${rid:-linux-x64}" -o "$out" -p:SourceRevisionId="$commit" >"$log" 2>&1 &
  pid=$!
  started=$SECONDS
  # One line per step of the build (restore, compile, native code), and one every 30 s while a step lasts.
  while kill -0 "$pid" 2>/dev/null; do
    phase="restoring packages"
    grep -q ' -> .*\.dll' "$log" 2>/dev/null && phase="compiling"
    grep -q 'Generating native code' "$log" 2>/dev/null && phase="generating native code"
    elapsed=$((SECONDS - started))
    if [ "$phase" != "$last" ] || { [ "$elapsed" -gt 0 ] && [ $((elapsed % 30)) -eq 0 ]; }; then
      say "  ... $phase (${elapsed}s)"
      last=$phase
    fi
    sleep 1
  done
  if ! wait "$pid"; then
    tail -n 30 "$log" >&2
    rm -rf "$out"
    fail "the build failed (full log: $log)"
  fi
  # Only the binary: its .dbg/.pdb symbol files are for debugging HookGuard itself.
  mkdir -p "$bin_dir"
  rm -f "$bin_dir"/*.dbg "$bin_dir"/*.pdb
  cp "$out/hookguard" "$bin.new"
  mv -f "$bin.new" "$bin"
  rm -rf "$out" "$log"
  say "built in $((SECONDS - started))s"
}

if [ "$action" = install ]; then
  hash=$(source_hash)
  if [ ! -x "$bin" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    build
    echo "$hash" >"$stamp"
  fi
  say "$("$bin" --version) is at $bin"
  if [ "$link" = yes ]; then
    mkdir -p "$link_dir"
    if [ -e "$link_dir/hookguard" ] && [ ! -L "$link_dir/hookguard" ]; then
      say "$link_dir/hookguard exists and is not HookGuard's link; left as it is"
    else
      ln -sfn "$bin" "$link_dir/hookguard"
      say "linked $link_dir/hookguard -> $bin"
    fi
    case ":${PATH:-}:" in
      *":$link_dir:"*) ;;
      *) say "$link_dir is not on your PATH; add it, e.g.: echo 'export PATH=\"$link_dir:\$PATH\"' >> ~/.profile" ;;
    esac
  fi
  [ "$hooks" = yes ] || exit 0
fi

if [ "$action" = uninstall ]; then
  [ -x "$bin" ] || fail "no HookGuard binary at $bin; nothing to uninstall with"
  exec "$bin" uninstall ${args[@]+"${args[@]}"}
fi
exec "$bin" install ${args[@]+"${args[@]}"}
