#!/usr/bin/env bash
# Builds HookGuard from this checkout as a native binary and installs its git hooks into the
# repository you run this from (any folder inside it). Safe to run again.
#
#   path/to/hookguard/install.sh                 build if needed, install pre-commit, pre-merge-commit, pre-push
#   path/to/hookguard/install.sh --hooks pre-commit
#   path/to/hookguard/install.sh --husky         also add HookGuard's tasks to .husky/task-runner.json
#   path/to/hookguard/install.sh --uninstall     remove the hooks (and with --husky, the tasks)
#
# The binary goes to $HOOKGUARD_HOME (default ~/.local/share/hookguard); hooks call it by that path.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home_dir=${HOOKGUARD_HOME:-${XDG_DATA_HOME:-${HOME:-/tmp}/.local/share}/hookguard}
bin="$home_dir/bin/hookguard"

fail() { echo "install.sh: $*" >&2; exit 1; }

command -v git >/dev/null 2>&1 ||
  fail "git is not installed. Install it first: 'sudo apt-get install git' (Debian/Ubuntu), 'brew install git' (macOS) or https://git-scm.com/downloads"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  fail "$(pwd) is not inside a git repository. cd into the repository to protect and run $0 again."

action=install
args=()
for arg in "$@"; do
  case "$arg" in
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

# Rebuild only when the sources are newer than the binary, so a second run is instant.
needs_build() {
  [ ! -x "$bin" ] && return 0
  [ -n "$(find "$src/src" "$src/rules" "$src/hooks" "$src/Directory.Build.props" "$src/Directory.Packages.props" \
      -newer "$bin" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.yaml' -o -name '*.props' -o -name '*.sh' \) \
      -print -quit 2>/dev/null)" ]
}

if [ "$action" = install ] && needs_build; then
  command -v dotnet >/dev/null 2>&1 ||
    fail "the .NET SDK is not installed; HookGuard builds with .NET 10. Install it: 'sudo apt-get install dotnet-sdk-10.0' or https://dotnet.microsoft.com/download (then run $0 again)"
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  echo "install.sh: building HookGuard (NativeAOT, ${rid:-linux-x64}) into $home_dir/bin ..."
  log=$(mktemp)
  if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$src/src/HookGuard.Cli/HookGuard.Cli.csproj" \
      -c Release -r "${rid:-linux-x64}" -o "$home_dir/bin" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "the build failed (full log: $log)"
  fi
  rm -f "$log"
fi

if [ "$action" = uninstall ]; then
  [ -x "$bin" ] || fail "no HookGuard binary at $bin; nothing to uninstall with"
  exec "$bin" uninstall ${args[@]+"${args[@]}"}
fi
exec "$bin" install ${args[@]+"${args[@]}"}
