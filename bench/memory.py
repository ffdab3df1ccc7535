#!/usr/bin/env python3
"""Peak memory of `hookguard scan --staged` by shape of change: the bound HookGuard keeps whatever the
change ("under 100 MB", performance issue), at the sizes where its in-process read is at its heaviest.

  python3 bench/memory.py [--exe PATH] [--runs 3] [--no-save]

Builds staged changes in bench/work/memory/ (deterministic, ~1 GB on disk while it runs): files just
under the reader's per-file limits (new files of ~8 MB, modified files of ~4 MB), files over them, and
a file of more short lines than the reader holds. For each: hookguard's own peak RSS (VmHWM, the most
of the runs), its median wall time, git's floor (`git diff --cached -U0`), and whether hookguard
started `git diff` (GIT_TRACE) or read the change itself. Printed, and written to
bench/results/<date>-<host>-<commit>-memory.md."""
import argparse, datetime, os, platform, random, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # the benchmark's git environment, ordinary source and process measurements

MB = 1024 * 1024


def write_source(path, rnd, size):
    """Ordinary code of about `size` bytes."""
    lines, written = [], 0
    while written < size:
        line = bench.source_line(rnd)
        lines.append(line)
        written += len(line) + 1
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def new_files(name, rnd, count, size):
    repo = bench.fresh(os.path.join("memory", name))
    bench.git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    for i in range(count):
        write_source(os.path.join(repo, f"f{i:03d}.cs"), rnd, size)
    bench.git(repo, "add", "-A")
    return repo


def modified_files(name, rnd, count, size):
    """Files committed, then given 30 new lines each at random places (the diff spans the whole file)."""
    repo = new_files(name, rnd, count, size)
    bench.git(repo, "commit", "-q", "-m", "files")
    for i in range(count):
        path = os.path.join(repo, f"f{i:03d}.cs")
        with open(path) as f:
            lines = f.read().split("\n")
        for _ in range(30):
            lines.insert(rnd.randrange(len(lines)), bench.source_line(rnd))
        with open(path, "w") as f:
            f.write("\n".join(lines))
    bench.git(repo, "add", "-A")
    return repo


def short_lines(name, count):
    repo = bench.fresh(os.path.join("memory", name))
    with open(os.path.join(repo, "short.txt"), "w") as f:
        f.write("x\n" * count)
    bench.git(repo, "add", "-A")
    return repo


def started_git_diff(exe, repo):
    with tempfile.NamedTemporaryFile(suffix=".trace") as trace:
        subprocess.run([exe, "scan", "--staged", "--quiet"], cwd=repo, env=dict(bench.ENV, GIT_TRACE=trace.name),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return any("built-in: git diff" in line for line in open(trace.name, errors="replace"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", default=os.path.join(bench.ROOT, "artifacts", "bench", "hookguard"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-save", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.exe):
        subprocess.run(["dotnet", "publish", os.path.join(bench.ROOT, "src/HookGuard.Cli/HookGuard.Cli.csproj"), "-c", "Release",
                        "-o", os.path.dirname(a.exe)], check=True, stdout=subprocess.DEVNULL)
    rnd = random.Random(20261202)
    shapes = [
        ("2,000 new files of 25 KB (50 MB)", lambda: new_files("small-new", rnd, 2000, 25 * 1024)),
        ("40 new files of 7.9 MB (316 MB), under the per-file limit", lambda: new_files("new-under", rnd, 40, int(7.9 * MB))),
        ("60 files of 3.9 MB modified, 30 lines each (468 MB of versions)", lambda: modified_files("modified-under", rnd, 60, int(3.9 * MB))),
        ("12 new files of 20 MB (240 MB), over the per-file limit", lambda: new_files("new-over", rnd, 12, 20 * MB)),
        ("a new file of 600,000 one-letter lines", lambda: short_lines("short-lines", 600_000)),
    ]
    rows = []
    for name, build in shapes:
        print("building:", name, file=sys.stderr)
        repo = build()
        os.sync()
        floor = statistics.median(bench.run_once(["git", "diff", "--cached", "-U0", "--no-color"], repo) for _ in range(a.runs))
        wall = statistics.median(bench.run_once([a.exe, "scan", "--staged", "--quiet"], repo) for _ in range(a.runs))
        peak = max(bench.peak_rss_mb([a.exe, "scan", "--staged", "--quiet"], repo) for _ in range(a.runs))
        rows.append((name, "git diff" if started_git_diff(a.exe, repo) else "in-process", peak, wall * 1000, floor * 1000))
        shutil.rmtree(repo, ignore_errors=True)

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=bench.ROOT, stdout=subprocess.PIPE, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    table = ["| staged change | read by | hookguard peak RSS MB | hookguard ms | git floor ms |", "|---|---|---:|---:|---:|"]
    table += [f"| {n} | {how} | {rss:.0f} | {ms:.0f} | {floor:.0f} |" for n, how, rss, ms, floor in rows]
    text = (f"HookGuard {head}, {datetime.date.today()}, {platform.node()}: {os.cpu_count()} cores ({cpu}); `scan --staged`, "
            f"peak RSS the most of {a.runs} runs (the process's own VmHWM, not git's), times medians.\n\n" + "\n".join(table) + "\n")
    print(text)
    if not a.no_save:
        with open(os.path.join(bench.HERE, "results", f"{datetime.date.today()}-{platform.node()}-{head}-memory.md"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
