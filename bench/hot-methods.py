#!/usr/bin/env python3
"""Writes src/HookGuard.Cli/hot-methods.txt, the order file NativeAOT lays the binary's code out by
(IlcOrderFile): the managed methods HookGuard's hooks run, placed side by side so that a commit's hook
faults in a few dozen pages of code instead of code spread over the whole 5 MB text.

  python3 bench/hot-methods.py

Needs valgrind. Publishes a build that keeps its symbols (for the x86-64-v3 instruction set, which
valgrind runs) into a temporary folder, installs its hooks into a scratch repository with hookguard
run under callgrind, and does what a developer does: a clean commit (pre-commit and post-commit), a
push (pre-push), a commit with a secret (blocked, with the report). Every managed method any of them
executed goes into the list, in that order of scenarios (the clean commit's code first). Re-run it after changing what the hooks run: a method missing from the
list still works, it only lands elsewhere in the binary (tests check that the list still names code
the binary has)."""
import os, random, re, shutil, string, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # the benchmark's git environment and ordinary source, so that the hooks run what they run there

ROOT = bench.ROOT
OUT = os.path.join(ROOT, "src", "HookGuard.Cli", "hot-methods.txt")
# Symbols of code ILC compiles (managed methods and the stubs it emits for them), as opposed to the C/C++ runtime and libc.
MANAGED = re.compile(r"(<Boxed>|S_P_|hookguard_|HookGuard_|System_|Microsoft_|YamlDotNet_|__GetGCStaticBase|__GetNonGCStaticBase|__DelegateCtor|__GetThreadStaticBase)")


def run(cmd, cwd=None, check=True):
    """A command's exit code, its output dropped (the hooks' own output included)."""
    return subprocess.run(cmd, cwd=cwd, env=bench.ENV, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def git(repo, *args, check=True):
    return run(["git", *args], cwd=repo, check=check)


def main():
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed: apt-get install valgrind")
    work = tempfile.mkdtemp(prefix="hookguard-hot-")
    try:
        binary = os.path.join(work, "bin", "hookguard")
        print("publishing a build with symbols ...", file=sys.stderr)
        run(["dotnet", "publish", os.path.join(ROOT, "src", "HookGuard.Cli", "HookGuard.Cli.csproj"), "-c", "Release", "-o",
             os.path.dirname(binary), "-p:NativeDebugSymbols=false", "-p:StripSymbols=false", "-p:IlcInstructionSet=x86-64-v3",
             "-p:IlcOrderFile=", f"-p:NativeIntermediateOutputPath={work}/native/"])
        traced = os.path.join(work, "hookguard-traced")
        with open(traced, "w") as f:
            f.write(f'#!/bin/sh\nexec valgrind -q --tool=callgrind --callgrind-out-file={work}/callgrind.%p "{binary}" "$@"\n')
        os.chmod(traced, 0o755)

        rnd = random.Random(20261201)
        repo, remote = os.path.join(work, "repo"), os.path.join(work, "remote.git")
        run(["git", "init", "-q", "--bare", remote])
        os.makedirs(os.path.join(repo, "src"))
        git(repo, "init", "-q", "-b", "main")
        for i in range(20):
            with open(os.path.join(repo, "src", f"f{i}.cs"), "w") as f:
                f.write(bench.source_file(rnd, 40))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        git(repo, "remote", "add", "origin", remote)
        git(repo, "push", "-q", "origin", "main")
        run([binary, "install"], cwd=repo)
        hooks = os.path.join(repo, ".git", "hooks")
        for name in os.listdir(hooks):
            path = os.path.join(hooks, name)
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(text.replace(binary, traced))

        print("committing and pushing under callgrind ...", file=sys.stderr)
        # The most common run first: a clean commit's pre-commit and post-commit, then a push, then a blocked
        # commit's report. Each group's methods go after the previous groups', so the common path is contiguous.
        groups, seen = [], set()

        def collect():
            names = set()
            for name in sorted(os.listdir(work)):
                if name.startswith("callgrind.") and name not in seen:
                    seen.add(name)
                    with open(os.path.join(work, name), errors="replace") as f:
                        for line in f:
                            m = re.match(r"c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
                            if m and MANAGED.match(m.group(1)):
                                names.add(re.sub(r"'\d+$", "", m.group(1)))  # callgrind marks recursion levels: Foo'2
            groups.append(names)

        for i in range(8):
            with open(os.path.join(repo, "src", f"f{i}.cs"), "a") as f:
                f.write("\n".join(bench.source_line(rnd) for _ in range(37)) + "\n")
        git(repo, "commit", "-q", "-am", "change")
        collect()
        git(repo, "push", "-q", "origin", "main")
        collect()
        key = "AKIA" + "".join(rnd.choice(string.ascii_uppercase + "234567") for _ in range(16))
        with open(os.path.join(repo, "src", "settings.py"), "w") as f:
            f.write(f'AWS_ACCESS_KEY_ID = "{key}"\n')
        git(repo, "add", "src/settings.py")
        if git(repo, "commit", "-q", "-m", "key", check=False) == 0:
            sys.exit("the commit with a key was not blocked: nothing to learn the report's code from")
        collect()

        ordered, names = [], set()
        for group in groups:
            ordered += sorted(group - names)
            names |= group
        if len(names) < 200:
            sys.exit(f"only {len(names)} managed methods recorded: did the hooks run under callgrind?")
        with open(OUT, "w") as f:
            f.write("\n".join(ordered) + "\n")
        print(f"{len(names)} methods -> {os.path.relpath(OUT, ROOT)}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
