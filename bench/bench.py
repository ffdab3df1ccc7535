#!/usr/bin/env python3
"""HookGuard's whole-process benchmark: builds deterministic workloads in bench/work/ and times the
published native `hookguard` next to git's own diff generation for the same work (the floor).

  python3 bench/bench.py [--exe PATH] [--baseline-exe PATH] [--runs 10] [--quick] [--json OUT] [--no-save]

Prints a Markdown table (median wall time of N runs, ratio to the floor, MB/s, peak RSS) and writes it
to bench/results/<date>-<host>-<commit>.md with the machine it ran on. --json OUT also writes the rows
as JSON (bench/compare reads them); --no-save skips the results file. --baseline-exe times a second
binary in the same runs, turn about with the first and git (bench/compare does this with an older
commit's), so that both meet the machine in the same state; its times are in the JSON only."""
import argparse, datetime, json, os, platform, random, shutil, statistics, string, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.invalid", GIT_COMMITTER_NAME="Bench",
           GIT_COMMITTER_EMAIL="bench@example.invalid", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
           GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z", NO_COLOR="1")
WORDS = ("config value result items count index total price rate user name order request response handler "
         "service client buffer stream reader writer parse format update delete create build render").split()


def git(repo, *args, input=None):
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, input=input, stdout=subprocess.DEVNULL)


def source_line(rnd):
    """Ordinary code: identifiers, calls, literals, comments; no credentials."""
    w = lambda: rnd.choice(WORDS)
    kind = rnd.randrange(6)
    if kind == 0: return f"    var {w()}{w().title()} = {w()}.{w().title()}({w()}, {rnd.randrange(1000)});"
    if kind == 1: return f"    // {w()} the {w()} before the {w()} is {w()}ed"
    if kind == 2: return f"    if ({w()}.Count > {rnd.randrange(100)}) return {w()}[{rnd.randrange(10)}];"
    if kind == 3: return f"    logger.Info(\"{w()} {w()} {{{w()}}}\", {w()});"
    if kind == 4: return f"    public string {w().title()}{w().title()} {{ get; set; }} = \"{w()}-{w()}\";"
    return f"    for (var i = 0; i < {w()}.Length; i++) {w()} += {w()}[i] * {rnd.randrange(9)};"


def source_file(rnd, lines):
    return "namespace Bench;\n\npublic class C\n{\n" + "\n".join(source_line(rnd) for _ in range(lines)) + "\n}\n"


def fresh(name):
    path = os.path.join(WORK, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    git(path, "init", "-q", "-b", "main")
    return path


def base_repo(name, rnd, files=2000):
    repo = fresh(name)
    for i in range(files):
        d = os.path.join(repo, "src", f"m{i % 40:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i:04d}.cs"), "w") as f:
            f.write(source_file(rnd, 40))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def typical_commit(rnd):
    repo = base_repo("typical", rnd)
    for i in range(8):
        with open(os.path.join(repo, "src", f"m{i:02d}", f"f{i:04d}.cs"), "a") as f:
            f.write("\n".join(source_line(rnd) for _ in range(37)) + "\n")
    git(repo, "add", "-A")
    return repo


def big_change(rnd, megabytes=50, files=2000):
    repo = fresh("big")
    per_file = megabytes * 1024 * 1024 // files
    for i in range(files):
        d = os.path.join(repo, "gen", f"d{i % 50:02d}")
        os.makedirs(d, exist_ok=True)
        lines, size = [], 0
        while size < per_file:
            line = source_line(rnd)
            lines.append(line)
            size += len(line) + 1
        with open(os.path.join(d, f"g{i:04d}.cs"), "w") as f:
            f.write("\n".join(lines) + "\n")
    git(repo, "add", "-A")
    return repo


def fast_import_history(name, rnd, commits, files=200):
    """Linear history through git fast-import: each commit edits one file (a few lines)."""
    repo = fresh(name)
    contents = {f"src/f{i:03d}.cs": source_file(rnd, 30) for i in range(files)}
    out = []
    for c in range(commits):
        path = f"src/f{c % files:03d}.cs"
        contents[path] += "\n".join(source_line(rnd) for _ in range(3)) + "\n"
        msg = f"change {c}"
        out.append(f"commit refs/heads/main\ncommitter Bench <bench@example.invalid> {1700000000 + c} +0000\n"
                   f"data {len(msg)}\n{msg}\n")
        todo = contents.items() if c == 0 else [(path, contents[path])]
        for p, text in todo:
            data = text.encode()
            out.append(f"M 100644 inline {p}\ndata {len(data)}\n")
            out.append(data.decode() + "\n")
    git(repo, "fast-import", "--quiet", input="".join(out).encode())
    git(repo, "reset", "-q", "--hard", "main")
    return repo


def run_once(cmd, cwd, env=None):
    t = time.perf_counter()
    code = subprocess.run(cmd, cwd=cwd, env=env or ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with exit code {code}")
    return time.perf_counter() - t


def peak_rss_mb(cmd, cwd, env=None):
    """The process's own peak RSS (VmHWM in /proc, polled): wait4's figure would include the git it runs."""
    p = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kb = 0
    while p.poll() is None:
        try:
            with open(f"/proc/{p.pid}/status") as status:
                peak_kb = max([peak_kb] + [int(l.split()[1]) for l in status if l.startswith("VmHWM")])
        except (OSError, ValueError):
            pass
        time.sleep(0.001)
    return peak_kb / 1024


def interleaved(floor_cmd, commands, cwd, runs, env=None):
    """Median wall times of git's floor and of each hookguard command, run in turn so that a noisy
    machine slows them all alike."""
    floor, times = [], [[] for _ in commands]
    for _ in range(runs):
        floor.append(run_once(floor_cmd, cwd))
        for command, samples in zip(commands, times):
            samples.append(run_once(command, cwd, env))
    return statistics.median(floor), [statistics.median(samples) for samples in times]


def startup(exes, repo, runs):
    """Each native binary from exec to exit with its rules ready and nothing to scan: the hook's fixed cost."""
    with open(os.path.join(WORK, "empty.patch"), "wb") as empty:
        empty.write(b"hookguard: end of patch\n")
    times = [[] for _ in exes]
    for _ in range(runs):
        for exe, samples in zip(exes, times):
            with open(os.path.join(WORK, "empty.patch"), "rb") as empty:
                t = time.perf_counter()
                code = subprocess.run([exe, "scan", "--staged", "--patch-stdin", "--hook", "pre-commit"], cwd=repo, env=ENV, stdin=empty,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
                # A build from before --patch-stdin (bench/compare of older commits) has no such figure.
                samples.append(time.perf_counter() - t if code == 0 else float("nan"))
    return [statistics.median(samples) * 1000 for samples in times]


def whole_commit(name, exes, repo, runs):
    """What a developer waits for: `git commit` with HookGuard's hooks (pre-commit and the post-commit
    bypass check), next to the same commit without hooks; each commit is undone before the next. With
    two binaries, each one's hooks are installed before its own commits."""
    commit = ["git", "commit", "-q", "-m", "bench"]
    bare, hooked = [], [[] for _ in exes]

    def timed(cmd, times):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=repo, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        subprocess.run(["git", "reset", "-q", "--soft", "HEAD~1"], cwd=repo, env=ENV, check=True)

    for _ in range(runs):
        timed(["git", "-c", "core.hooksPath=/dev/null", *commit[1:]], bare)
        for exe, times in zip(exes, hooked):
            if len(exes) > 1 or not times:
                subprocess.run([exe, "install"], cwd=repo, env=ENV, check=True, stdout=subprocess.DEVNULL)
            timed(commit, times)
    floor = statistics.median(bare)
    mb = diff_bytes(["git", "diff", "--cached", "-U0", "--no-color"], repo) / 1e6
    return [(name, hg * 1000, floor * 1000, hg / floor, mb / hg, float("nan")) for hg in map(statistics.median, hooked)]


def diff_bytes(cmd, cwd):
    return len(subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE).stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", default=os.path.join(ROOT, "artifacts", "bench", "hookguard"))
    ap.add_argument("--baseline-exe", help="a second binary timed in the same runs (bench/compare's A); JSON only")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="smaller workloads (10 MB change, 2k-commit history)")
    ap.add_argument("--json", metavar="OUT", help="also write the rows and the machine as JSON to OUT")
    ap.add_argument("--no-save", action="store_true", help="do not write bench/results/<date>-<host>-<commit>.md")
    ap.add_argument("--readme", action="store_true", help="also put the table into bench/README.md between its markers")
    a = ap.parse_args()
    if not os.path.exists(a.exe):
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/HookGuard.Cli/HookGuard.Cli.csproj"), "-c", "Release",
                        "-o", os.path.dirname(a.exe)], check=True, stdout=subprocess.DEVNULL)
    rnd = random.Random(20261123)
    os.makedirs(WORK, exist_ok=True)
    exes = [a.exe] + ([a.baseline_exe] if a.baseline_exe else [])
    rows, baseline_ms = [], {}

    def row(name, commands, floor_cmd, repo, env=None, hook=False):
        """commands: this binary's, then the baseline's."""
        # A workload just written leaves tens of MB for the kernel to write back, which it does during
        # the first timings unless made to first.
        os.sync()
        floor, (hg, *baseline) = interleaved(floor_cmd, commands, repo, a.runs, env=env)
        # A hook row's process is the shell: hookguard's own peak is in the scan row above it.
        rss = float("nan") if hook else peak_rss_mb(commands[0], repo, env=env)
        mb = diff_bytes(floor_cmd, repo) / 1e6
        rows.append((name, hg * 1000, floor * 1000, hg / floor, mb / hg if hg else 0, rss))
        if baseline:
            baseline_ms[name] = baseline[0] * 1000

    print("building workloads in", WORK, file=sys.stderr)
    def staged_rows(name, repo):
        floor = ["git", "diff", "--cached", "-U0", "--no-color"]
        row(f"{name}: scan --staged", [[exe, "scan", "--staged"] for exe in exes], floor, repo)
        # What a developer waits for: the installed hook. Each binary's own (the baseline's is kept under another name).
        hooks = os.path.join(repo, ".git", "hooks")
        for exe, hook in reversed(list(zip(exes, ["pre-commit", "pre-commit-baseline"]))):
            subprocess.run([exe, "install", "--hooks", "pre-commit"], cwd=repo, env=ENV, check=True, stdout=subprocess.DEVNULL)
            if hook != "pre-commit":
                shutil.copy(os.path.join(hooks, "pre-commit"), os.path.join(hooks, hook))
        row(f"{name}: the installed pre-commit hook", [["sh", os.path.join(hooks, hook)] for hook in ["pre-commit", "pre-commit-baseline"][:len(exes)]],
            floor, repo, env=dict(ENV, GIT_INDEX_FILE=os.path.join(repo, ".git", "index")), hook=True)

    repo = typical_commit(rnd)
    staged_rows("typical commit (~300 lines, 8 files)", repo)
    startup_ms, *baseline_startup_ms = startup(exes, repo, a.runs * 3)
    commit_row, *baseline_commit = whole_commit("typical commit: `git commit` with every hook (floor: the same commit, no hooks)", exes, repo, a.runs)
    rows.append(commit_row)
    if baseline_commit:
        baseline_ms[commit_row[0]] = baseline_commit[0][1]
    staged_rows(f"big change ({10 if a.quick else 50} MB, 2000 files)", big_change(rnd, megabytes=10 if a.quick else 50))
    repo = fast_import_history("prepush", rnd, 400)
    base = subprocess.run(["git", "rev-parse", "main~200"], cwd=repo, env=ENV, stdout=subprocess.PIPE, text=True).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "main"], cwd=repo, env=ENV, stdout=subprocess.PIPE, text=True).stdout.strip()
    refs = f"refs/heads/main {head} refs/heads/main {base}\n"
    row("pre-push of 200 commits: scan --pre-push", [[exe, "scan", "--pre-push", "origin"] for exe in exes],
        ["git", "log", "-p", "-U0", "--no-color", "--no-ext-diff", f"{base}..{head}"], repo,
        env=dict(ENV, HOOKGUARD_PUSH_REFS=refs))
    commits = 2000 if a.quick else 10000
    repo = fast_import_history("history", rnd, commits)
    row(f"history ({commits} commits): scan --history", [[exe, "scan", "--history"] for exe in exes],
        ["git", "log", "--all", "-p", "-U0", "--no-color", "--no-ext-diff"], repo)

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout.strip()
    table = ["| workload | hookguard ms | git floor ms | ratio | diff MB/s | hookguard peak RSS MB |", "|---|---:|---:|---:|---:|---:|"]
    table += [f"| {n} | {h:.1f} | {f:.1f} | {r:.2f}x | {mbs:.0f} | {'—' if rss != rss else f'{rss:.0f}'} |" for n, h, f, r, mbs, rss in rows]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    machine = f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"
    header = (f"HookGuard {head}, {datetime.date.today()}, {machine}; median of {a.runs} runs, whole processes, "
              "alternating with git.")
    text = (header + "\n\n" + "\n".join(table) + "\n\n" +
            f"Start-up, rules loaded and ready (an empty staged diff piped in as the hook does): {startup_ms:.1f} ms median.\n")
    print(text)
    if a.json:
        keys = ("workload", "hookguard_ms", "floor_ms", "ratio", "diff_mb_per_s", "peak_rss_mb")
        with open(a.json, "w") as f:
            result = {"exe": os.path.abspath(a.exe), "runs": a.runs, "quick": a.quick, "machine": machine, "startup_ms": startup_ms,
                      "date": str(datetime.date.today()), "rows": [dict(zip(keys, r)) for r in rows]}
            if a.baseline_exe:
                result["baseline"] = {"exe": os.path.abspath(a.baseline_exe), "startup_ms": baseline_startup_ms[0],
                                      "rows": [{"workload": name, "hookguard_ms": ms} for name, ms in baseline_ms.items()]}
            json.dump(result, f, indent=2)
    if not a.no_save:
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        name = f"{datetime.date.today()}-{platform.node()}-{head}.md"
        with open(os.path.join(HERE, "results", name), "w") as f:
            f.write(text)
        if a.readme:
            write_readme_block(text.replace(header, f"{header} (`bench/results/{name}`)", 1))


def write_readme_block(text):
    """bench/README.md's figures come from a run, never by hand: the block between the markers is replaced whole."""
    path = os.path.join(HERE, "README.md")
    readme = open(path).read()
    begin = readme.index("<!-- bench.py:begin")
    begin = readme.index("\n", begin) + 1
    end = readme.index("<!-- bench.py:end -->")
    with open(path, "w") as f:
        f.write(readme[:begin] + text.rstrip("\n") + "\n" + readme[end:])


if __name__ == "__main__":
    main()
