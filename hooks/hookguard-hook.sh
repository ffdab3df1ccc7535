#!/bin/sh
# hookguard-managed @HOOK@ hook: scans what this @HOOK@ adds for secrets before git goes on.
# Written by `hookguard install`; `hookguard uninstall` removes it and restores any hook it chained.
# Parameter expansion, not $(dirname): a process less on every commit.
case $0 in */*) hook_dir=${0%/*} ;; *) hook_dir=. ;; esac
chained="$hook_dir/@HOOK@.hookguard-chained"

if [ "@HOOK@" = pre-push ]; then
  # git hands the pushed refs over on stdin once: keep them for the chained hook and for the scan.
  # Read with the shell's own `read`, as $(cat) would keep them: `cat` in a subshell is two processes more.
  HOOKGUARD_PUSH_REFS=
  while IFS= read -r line || [ -n "$line" ]; do
    HOOKGUARD_PUSH_REFS="${HOOKGUARD_PUSH_REFS:+$HOOKGUARD_PUSH_REFS
}$line"
  done
  export HOOKGUARD_PUSH_REFS
  if [ -x "$chained" ]; then
    printf '%s\n' "$HOOKGUARD_PUSH_REFS" | "$chained" "$@" || exit $?
  fi
elif [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi

# git's own arguments (pre-push: remote name and URL), before "$@" is reused for the command line.
hook_arg1=${1-} hook_arg2=${2-}
hookguard=@EXE@
# The path as recorded, for messages: only ever expanded as a variable, never re-read as shell code.
recorded_hookguard=$hookguard
set -- @ARGS@
if [ ! -x "$hookguard" ]; then
  set --
  # The binary moved (a rebuild elsewhere, a tool update): one on PATH will do, else fail closed.
  hookguard=$(command -v hookguard 2>/dev/null)
  if [ -z "$hookguard" ]; then
    printf 'hookguard: the scanner is missing (was %s), so the @HOOK@ scan cannot run and git is stopped here.\n' "$recorded_hookguard" >&2
    echo "  Reinstall it: run install.sh from your HookGuard checkout (or 'dotnet tool restore && dotnet hookguard install')." >&2
    echo "  Bypass once, unscanned: git @VERB@ --no-verify" >&2
    exit 1
  fi
fi
@RUN@
status=$?
if [ "$status" -gt 3 ]; then
  echo "hookguard: the scanner ended abnormally (exit $status), so this @HOOK@ is blocked." >&2
  echo "  Bypass once: git @VERB@ --no-verify; please report it with the output above." >&2
fi
exit "$status"
