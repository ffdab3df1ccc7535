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

if ! dotnet publish src/HookGuard.Cli/HookGuard.Cli.csproj -c Release -r "${rid:-linux-x64}" -o "$out/bin" >"$out/publish.log" 2>&1; then
  tail -n 40 "$out/publish.log"
  echo "0 passed, 1 failed"
  exit 1
fi
# The end-to-end tests install hooks that call this binary, as users' hooks do.
export HOOKGUARD_EXE="$out/bin/hookguard"

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
