using System.Text;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Sources;
using HookGuard.Sources.Staged;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>
/// The staged change read in-process must hand on exactly what git's own `git diff --cached` patch
/// hands on (files, added lines, context, the change summary), and must leave every case it does not
/// reproduce to git.
/// </summary>
public partial class StagedSnapshotSpecs
{
    private sealed record Reading(List<string> Events, string? Mark, bool FromGit);

    private static Reading Read(TempRepo repo, bool inProcess)
    {
        using var diff = GitDiff.Staged(repo.Root, hash: true, inProcess);
        var sink = new RecordingPatchSink();
        diff.Read(sink);
        return new Reading(sink.Events, diff.SummaryMark, diff.FromGit);
    }

    /// <summary>Reads the staged change both ways; asserts the in-process reading was used and matches git's.</summary>
    private static void AssertSameAsGit(TempRepo repo) => AssertSameAsGit(repo, "");

    private static void AssertSameAsGit(TempRepo repo, string because)
    {
        var byGit = Read(repo, inProcess: false);
        var ours = Read(repo, inProcess: true);
        Assert.That(ours.FromGit, Is.False, "read in-process " + because);
        Assert.That(ours.Events, Is.EqualTo(byGit.Events), because);
        Assert.That(ours.Mark, Is.EqualTo(byGit.Mark), "change summary " + because);
    }

    private static void AssertLeftToGit(TempRepo repo, string because)
    {
        var byGit = Read(repo, inProcess: false);
        var chosen = Read(repo, inProcess: true);
        Assert.That(chosen.FromGit, Is.True, because);
        Assert.That(chosen.Events, Is.EqualTo(byGit.Events));
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Writes one file, then stages the whole work tree (what else was written too).</summary>
    private static void WriteAndStageAll(TempRepo repo, string path, string text)
    {
        repo.Write(path, text);
        repo.Stage();
    }

    /// <summary>Writes one file, then stages and commits the whole work tree.</summary>
    private static void CommitFile(TempRepo repo, string path, string text)
    {
        WriteAndStageAll(repo, path, text);
        CommitAll(repo);
    }

    private static void CommitAll(TempRepo repo, string message = "base") =>
        repo.Git("-c", "core.hooksPath=/dev/null", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", message);

    /// <summary>
    /// Random insertions, deletions and replacements, committed round after round; HEAD's objects loose,
    /// then packed as deltas, then with an index of version 4. With every line distinct the shortest
    /// edit script is unique, so every event must be git's, context lines included.
    /// </summary>
    [TestCase(20261201)]
    [TestCase(7)]
    [TestCase(99)]
    public void Random_edits_of_distinct_lines_read_exactly_as_git_reads_them(int seed) =>
        RandomEdits(seed, repeatedLines: false, AssertSameAsGit);

    /// <summary>
    /// With repeated lines ("}", blank lines) several shortest scripts exist and git's choice among them
    /// (xdiff's search and its indent heuristic) is not reproduced: which copy of a repeated line is the
    /// added one may differ. What a scan depends on must not: the same files, as many added lines, and
    /// every added line whose text the old version lacks at the same line number, with the line above it.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_edits_with_repeated_lines_add_the_same_new_text_at_the_same_lines_as_git(int seed) =>
        RandomEdits(seed, repeatedLines: true, AssertSameNewText);

    private static void RandomEdits(int seed, bool repeatedLines, Action<TempRepo, string> check)
    {
        using var repo = new TempRepo();
        var random = new Random(seed);
        var files = new Dictionary<string, List<string>>();
        string[] names = ["a.txt", "src/app.cs", "src/deep/er/x.py", "docs/read me.md", "ünï/cödé.txt", "q\"uote.txt", "z/last.txt"];
        var serial = 0;
        string NewLine() => repeatedLines && random.Next(3) == 0
            ? random.Next(2) == 0 ? "" : "}"
            : $"line {++serial} {Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))}";
        for (var round = 0; round < 24; round++)
        {
            foreach (var name in names)
            {
                if (random.Next(3) == 0) continue;
                if (!files.TryGetValue(name, out var lines)) files[name] = lines = [];
                for (var edit = random.Next(1, 5); edit > 0; edit--)
                {
                    var at = random.Next(lines.Count + 1);
                    switch (random.Next(3))
                    {
                        case 0:
                            lines.InsertRange(at, Enumerable.Range(0, random.Next(1, 6)).Select(_ => NewLine()));
                            break;
                        case 1 when lines.Count > 0:
                            at = Math.Min(at, lines.Count - 1);
                            lines.RemoveRange(at, Math.Min(random.Next(1, 4), lines.Count - at));
                            break;
                        default:
                            if (at < lines.Count) lines[at] = NewLine();
                            else lines.Add(NewLine());
                            break;
                    }
                }
                var text = string.Join(round % 4 == 3 ? "\r\n" : "\n", lines);
                repo.Write(name, random.Next(4) == 0 ? text : text + "\n"); // some without a final newline
            }
            repo.Stage();
            check(repo, $"round {round}");
            CommitAll(repo, $"round {round}");
            if (round == 7) repo.Git("gc", "-q", "--aggressive"); // HEAD's trees and blobs in a pack, as deltas on offsets
            if (round == 11) repo.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f"); // deltas on ids
            if (round == 15) repo.Git("update-index", "--index-version", "4");
        }
    }

    private static void AssertSameNewText(TempRepo repo, string because)
    {
        var byGit = Read(repo, inProcess: false);
        var ours = Read(repo, inProcess: true);
        Assert.That(ours.FromGit, Is.False, "read in-process " + because);
        Assert.That(ours.Mark, Is.EqualTo(byGit.Mark), "change summary " + because);
        var gitFiles = ByFile(byGit.Events);
        var ourFiles = ByFile(ours.Events);
        Assert.That(ourFiles.Keys, Is.EqualTo(gitFiles.Keys), because);
        foreach (var (file, gitLines) in gitFiles)
        {
            var ourLines = ourFiles[file];
            var old = repo.Run("git", ["show", "HEAD:" + file[5..]]).Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToHashSet();
            string[] NewText(Dictionary<int, (string Text, bool Added)> lines) =>
                [.. lines.Where(l => l.Value.Added && !old.Contains(l.Value.Text.TrimEnd('\r'))).Select(l => $"{l.Key} {l.Value.Text}")];
            Assert.That(ourLines.Count(l => l.Value.Added), Is.EqualTo(gitLines.Count(l => l.Value.Added)), $"{file}: added lines, {because}");
            Assert.That(NewText(ourLines), Is.EqualTo(NewText(gitLines)), $"{file}: lines the old version lacks, {because}");
            foreach (var (number, line) in ourLines)
                if (line.Added && number > 1) Assert.That(ourLines.ContainsKey(number - 1), $"{file}:{number - 1}, the line above an added line, {because}");
        }
    }

    /// <summary>Events by file: line number to (text, added).</summary>
    private static Dictionary<string, Dictionary<int, (string Text, bool Added)>> ByFile(List<string> events)
    {
        var files = new Dictionary<string, Dictionary<int, (string, bool)>>();
        Dictionary<int, (string, bool)>? current = null;
        foreach (var e in events)
        {
            if (e.StartsWith("file ", StringComparison.Ordinal) || e.StartsWith("binary ", StringComparison.Ordinal) || e.StartsWith("name ", StringComparison.Ordinal))
                files[e] = current = [];
            else
            {
                var space = e.IndexOf(' ', 1);
                current![int.Parse(e.AsSpan(1, space - 1))] = (e[(space + 1)..], e[0] == '+');
            }
        }
        return files;
    }

    [Test]
    public void Before_the_first_commit_every_staged_line_is_added()
    {
        using var repo = new TempRepo();
        repo.Write("one.txt", Lines("alpha", "beta"));
        repo.Write("empty.txt", "");
        WriteAndStageAll(repo, "sub/two.txt", "no newline at the end");
        AssertSameAsGit(repo);
    }

    [Test]
    public void A_new_function_after_a_blank_line_is_added_with_the_blank_line_git_picks()
    {
        using var repo = new TempRepo();
        repo.Write("f.c", Lines("int a() {", "  return 1;", "}", "", "int main() {", "}"));
        repo.Stage();
        CommitAll(repo);
        repo.Write("f.c", Lines("int a() {", "  return 1;", "}", "", "int b() {", "  return 2;", "}", "", "int main() {", "}"));
        repo.Stage();
        AssertSameAsGit(repo);
    }

    [Test]
    public void Binary_files_symlinks_submodule_links_and_mode_changes_are_listed_as_git_lists_them()
    {
        using var repo = new TempRepo();
        repo.Write("tool.sh", Lines("echo hi"));
        CommitFile(repo, "data.bin", "before");
        repo.Git("update-index", "--chmod=+x", "tool.sh");
        repo.WriteBytes("data.bin", [1, 0, 2, 3]);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link"), "tool.sh");
        repo.Git("update-index", "--add", "--cacheinfo", "160000," + repo.Head + ",vendor/lib");
        repo.Git("add", "data.bin", "link");
        AssertSameAsGit(repo);
    }

    [Test]
    public void Deletions_read_in_process_on_a_branch_known_only_to_packed_refs_and_on_a_detached_head()
    {
        using var repo = new TempRepo();
        repo.Write("keep.txt", Lines("1", "2", "3"));
        CommitFile(repo, "gone.txt", Lines("x"));
        repo.Git("pack-refs", "--all");
        Assert.That(File.Exists(Path.Combine(repo.Root, ".git", "refs", "heads", "main")), Is.False, "main is in packed-refs only");
        repo.Git("rm", "-q", "gone.txt");
        AssertSameAsGit(repo, "HEAD -> refs/heads/main in packed-refs");
        repo.Git("checkout", "-q", "--detach");
        WriteAndStageAll(repo, "keep.txt", Lines("1", "3"));
        AssertSameAsGit(repo, "a detached HEAD");
    }

    [Test]
    public void A_commit_all_reads_the_index_git_names_in_GIT_INDEX_FILE()
    {
        using var repo = new TempRepo();
        CommitFile(repo, "a.txt", Lines("one"));
        repo.Write("a.txt", Lines("one", "two"));
        // The hook writes what it was handed on; `git commit -a` hands it a temporary index.
        var hook = Path.Combine(repo.Root, ".git", "hooks", "pre-commit");
        File.WriteAllText(hook, "#!/bin/sh\necho \"$GIT_INDEX_FILE\" > .git/index-seen\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repo.Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-a", "-m", "x");
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, ".git", "index-seen")), Does.Contain("index.lock"), "git commit -a names its own index");
    }

    /// <summary>
    /// Files of distinct lines, ~110 KB each: 30 committed, then 20 of them edited (lines inserted,
    /// removed, replaced) and 30 added, ~8 MB of old and new versions, past what is prepared whole.
    /// </summary>
    private static void StageManyMegabytes(TempRepo repo, int seed)
    {
        var random = new Random(seed);
        var serial = 0;
        string[] NewLines(int count) => [.. Enumerable.Range(0, count).Select(_ => $"line {++serial} {Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))} {new string('x', random.Next(40))}")];
        var committed = Enumerable.Range(0, 30).ToDictionary(f => $"m{f:D2}.txt", _ => NewLines(2000).ToList());
        foreach (var (name, lines) in committed) repo.Write(name, Lines([.. lines]));
        repo.Stage();
        CommitAll(repo);
        foreach (var (name, lines) in committed.Take(20))
        {
            lines.InsertRange(random.Next(lines.Count), NewLines(random.Next(1, 30)));
            lines.RemoveRange(random.Next(lines.Count - 10), random.Next(1, 10));
            lines[random.Next(lines.Count)] = NewLines(1)[0];
            repo.Write(name, Lines([.. lines]));
        }
        for (var f = 0; f < 30; f++) repo.Write($"n{f:D2}.txt", Lines(NewLines(2000)));
        repo.Stage();
        var staged = repo.Git("diff", "--cached", "--stat").Split('\n').Length - 2;
        var size = Directory.EnumerateFiles(repo.Root, "*.txt").Sum(f => new FileInfo(f).Length) + committed.Take(20).Sum(c => new FileInfo(Path.Combine(repo.Root, c.Key)).Length);
        Assert.That(size, Is.GreaterThan(StagedSnapshot.MaxContentBytes), "the arrangement passes the limit of a change prepared whole");
        Assert.That(staged, Is.EqualTo(50), "files staged");
    }

    [Test]
    public void A_change_of_many_megabytes_is_read_on_a_thread_exactly_as_git_reads_it()
    {
        using var repo = new TempRepo();
        StageManyMegabytes(repo, seed: 5);
        AssertSameAsGit(repo, "a change past the limit of one prepared whole");
        repo.Git("gc", "-q");
        AssertSameAsGit(repo, "HEAD's versions packed");
    }

    [Test]
    public void A_file_the_reading_thread_does_not_read_as_git_is_given_by_git_with_the_files_after_it()
    {
        using var repo = new TempRepo();
        WriteAndStageAll(repo, "m15-reordered.txt", Lines(Enumerable.Range(0, 3000).Select(i => $"row {i}").ToArray()));
        StageManyMegabytes(repo, seed: 6);
        repo.Write("m15-reordered.txt", Lines(Enumerable.Range(0, 3000).Select(i => $"row {(i * 7919) % 3000}").ToArray()));
        repo.Stage();

        using (var snapshot = StagedSnapshot.TryTake(Repository.FindWithoutGit(repo.Root)!))
        {
            Assert.That(snapshot, Is.Not.Null, "the change is read in-process");
            Assert.That(snapshot!.Emit(new RecordingPatchSink(), new ChangeSummary()), Is.False, $"an edit script longer than {LineDiff.MaxEdits} lines");
            Assert.That(snapshot.HandedOn, Is.EquivalentTo(Enumerable.Range(0, 15).Select(f => $"m{f:D2}.txt")), "handed on: the files before it");
        }
        AssertSameAsGit(repo, "the files before it read in-process, it and the rest by git");
    }

    [Test]
    public void A_change_holding_a_file_too_large_to_read_whole_is_left_to_git()
    {
        using var repo = new TempRepo();
        var row = new string('r', 99) + "\n";
        string Rows(long bytes) => string.Concat(Enumerable.Repeat(row, (int)(bytes / row.Length) + 1));
        CommitFile(repo, "modified.txt", Rows(StagedSnapshot.MaxFileBytes / 2));
        WriteAndStageAll(repo, "modified.txt", "first\n" + Rows(StagedSnapshot.MaxFileBytes / 2));
        AssertLeftToGit(repo, $"a modified file whose versions pass {StagedSnapshot.MaxFileBytes} bytes");
        CommitAll(repo);
        WriteAndStageAll(repo, "new.txt", Rows(StagedSnapshot.MaxFileBytes));
        AssertLeftToGit(repo, $"a new file of more than {StagedSnapshot.MaxFileBytes} bytes");
    }

    [Test]
    public void A_file_of_more_lines_than_the_reader_holds_is_left_to_git()
    {
        using var repo = new TempRepo();
        WriteAndStageAll(repo, "short-lines.txt", string.Concat(Enumerable.Repeat("x\n", StagedFileReader.MaxLines + 1)));
        AssertLeftToGit(repo, $"more than {StagedFileReader.MaxLines} lines");
    }

    [Test]
    public void A_missing_staged_blob_is_left_to_git_which_reports_it()
    {
        using var repo = new TempRepo();
        CommitFile(repo, "a.txt", Lines("a"));
        repo.StageUnreadable("lost.txt", "gone\n");
        using var diff = GitDiff.Staged(repo.Root, hash: false);
        Assert.That(diff.FromGit, Is.True);
        Assert.Throws<GitException>(() => diff.Read(new RecordingPatchSink()));
    }
}
