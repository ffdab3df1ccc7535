using HookGuard.GitStore;
using HookGuard.Sources;
using HookGuard.Sources.Committed;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>
/// post-commit's in-process summary of the commit just made must equal the one git's `--raw` gives,
/// wherever git pairs nothing as a rename, and must never be read where it could differ.
/// </summary>
public class HeadChangeSpecs
{
    private static Repository Repo(TempRepo repo) => Repository.FindWithoutGit(repo.Root)!;

    private static void Commit(TempRepo repo, string message, params string[] extra) =>
        repo.Git(["-c", "core.hooksPath=/dev/null", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", message, .. extra]);

    private static void AssertSameAsGit(TempRepo repo, string because)
    {
        var ours = HeadChange.TryRead(Repo(repo));
        Assert.That(ours, Is.Not.Null, "read in-process " + because);
        var byGit = CommittedChange.OfHead(Repo(repo))!.Summary;
        Assert.That(ours!.Count, Is.EqualTo(byGit.Count), "files listed " + because);
        Assert.That(ours.Mark(), Is.EqualTo(byGit.Mark()), because);
    }

    /// <summary>
    /// Random additions, edits, deletions, mode changes, folders replacing files and back, symlinks and
    /// submodule links over nested folders, commit after commit (the first a root commit; some amends;
    /// HEAD's objects loose, then packed). Every file's text is its own, so git pairs no renames.
    /// </summary>
    [TestCase(20261202)]
    [TestCase(11)]
    public void Random_commits_are_summarised_as_git_summarises_them(int seed)
    {
        using var repo = new TempRepo();
        var random = new Random(seed);
        var files = new List<string>();
        var serial = 0;
        string Text() => string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"text {++serial} {random.NextInt64()}\n"));
        string NewPath() => string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => "abcde"[random.Next(5)].ToString())) + $"{++serial}.txt";
        for (var round = 0; round < 30; round++)
        {
            for (var op = random.Next(1, 5); op > 0; op--)
            {
                var path = files.Count > 0 ? files[random.Next(files.Count)] : null;
                switch (path is null ? 0 : random.Next(7))
                {
                    case 0:
                        var added = NewPath();
                        repo.Write(added, Text());
                        files.Add(added);
                        break;
                    case 1:
                        repo.Write(path!, Text());
                        break;
                    case 2:
                        File.Delete(Path.Combine(repo.Root, path!));
                        files.Remove(path!);
                        break;
                    case 3:
                        File.SetUnixFileMode(Path.Combine(repo.Root, path!), random.Next(2) == 0 ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
                        break;
                    case 4: // the file becomes a folder of the same name
                        File.Delete(Path.Combine(repo.Root, path!));
                        files.Remove(path!);
                        repo.Write(path + "/inside.txt", Text());
                        files.Add(path + "/inside.txt");
                        break;
                    case 5:
                        File.Delete(Path.Combine(repo.Root, path!));
                        File.CreateSymbolicLink(Path.Combine(repo.Root, path!), $"target-{++serial}");
                        files.Remove(path!); // a symlink from now on, left as it is
                        break;
                    default:
                        repo.Git("update-index", "--add", "--cacheinfo", $"160000,{new string('1', 39)}{random.Next(10)},mod{++serial}");
                        break;
                }
            }
            repo.Git("add", "-A");
            var amend = round > 0 && random.Next(5) == 0;
            Commit(repo, $"round {round}", amend ? ["--amend"] : []);
            AssertSameAsGit(repo, $"round {round}{(amend ? ", an amend" : "")}");
            if (round == 15) repo.Git("gc", "-q");
        }
    }

    [Test]
    public void A_rename_git_pairs_is_listed_as_an_addition_so_the_summaries_differ()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n")));
        repo.Git("add", "-A");
        Commit(repo, "first");
        repo.Git("mv", "a.txt", "b.txt");
        Commit(repo, "rename");
        var ours = HeadChange.TryRead(Repo(repo));
        var byGit = CommittedChange.OfHead(Repo(repo))!.Summary;
        Assert.That(ours!.Mark(), Is.Not.EqualTo(byGit.Mark()), "post-commit then asks git, whose summary matches what pre-commit passed");
    }

    [Test]
    public void Without_a_reflog_or_in_a_shallow_clone_it_is_not_read()
    {
        using var repo = new TempRepo();
        repo.Git("config", "core.logAllRefUpdates", "false");
        repo.Write("a.txt", "one\n");
        repo.Git("add", "-A");
        Commit(repo, "first");
        Assert.That(HeadChange.TryRead(Repo(repo)), Is.Null, "no reflog says which commit was just made");

        repo.Git("config", "core.logAllRefUpdates", "true");
        repo.Write("a.txt", "two\n");
        repo.Git("add", "-A");
        Commit(repo, "second");
        Assert.That(HeadChange.TryRead(Repo(repo)), Is.Not.Null);
        File.WriteAllText(Path.Combine(repo.Root, ".git", "shallow"), repo.Head + "\n");
        Assert.That(HeadChange.TryRead(Repo(repo)), Is.Null, "a shallow clone's parents are not what the objects say");
    }
}
