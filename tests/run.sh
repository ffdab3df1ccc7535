#!/usr/bin/env bash
# The test command (README, .ci/run): publishes the NativeAOT binary, runs every NUnit test against it
# and ends with the one line CI reads: "N passed, N failed[, N skipped]". Non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="$root/artifacts/test"
rm -rf "$out"
mkdir -p "$out"
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if ! dotnet publish src/HookGuard.Cli/HookGuard.Cli.csproj -c Release -r "${rid:-linux-x64}" -o "$out/bin" \
    -p:SourceRevisionId="$commit" >"$out/publish.log" 2>&1; then
  tail -n 40 "$out/publish.log"
  echo "0 passed, 1 failed"
  exit 1
fi
# The end-to-end tests install hooks that call this binary, as users' hooks do.
export HOOKGUARD_EXE="$out/bin/hookguard"

# SARIF output is checked by Microsoft's own validator (npm package, kept between runs).
sarif_dir="$root/artifacts/sarif-multitool"
export SARIF_MULTITOOL="$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -f "$SARIF_MULTITOOL" ] &&
   ! npm install --silent --no-audit --no-fund --prefix "$sarif_dir" @microsoft/sarif-multitool@5.7.0 >"$out/npm.log" 2>&1; then
  tail -n 20 "$out/npm.log"
  echo "0 passed, 1 failed"
  exit 1
fi
chmod +x "$SARIF_MULTITOOL"

# The hook managers the integration tests run for real: lefthook and husky from npm (kept between runs
# under artifacts/tools; --ignore-scripts: lefthook's postinstall would run `lefthook install` on this
# checkout), the pre-commit framework from Debian's package.
tools_dir="$root/artifacts/tools/node"
export HOOKGUARD_NODE_TOOLS="$tools_dir/node_modules/.bin"
if [ ! -x "$HOOKGUARD_NODE_TOOLS/lefthook" ] || [ ! -x "$HOOKGUARD_NODE_TOOLS/husky" ]; then
  if ! npm i -E --ignore-scripts --no-audit --no-fund --prefix "$tools_dir" lefthook@2.2.1 husky@9.1.7 >"$out/npm-tools.log" 2>&1; then
    tail -n 20 "$out/npm-tools.log"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "tests/run.sh: installing pre-commit (apt-get) ..."
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pre-commit; } >"$out/apt.log" 2>&1 ||
      { tail -n 20 "$out/apt.log"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "tests/run.sh: the pre-commit framework is missing: sudo apt-get install pre-commit"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# install.ps1's Pester tests run under PowerShell 7.6 hosted from NuGet: tests/PwshHost, built on its own
# (not in HookGuard.sln: its restore is large) into artifacts/, kept between runs.
if ! dotnet build tests/PwshHost/PwshHost.csproj -c Release -o "$root/artifacts/pwsh-host" >"$out/pwsh-host.log" 2>&1; then
  tail -n 30 "$out/pwsh-host.log"
  echo "0 passed, 1 failed"
  exit 1
fi
export PWSH_HOST_EXE="$root/artifacts/pwsh-host/PwshHost"

dotnet test HookGuard.sln -c Release --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
  --results-directory "$out" "$@"
status=$?

trx="$out/results.trx"
if [ ! -f "$trx" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
count() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
