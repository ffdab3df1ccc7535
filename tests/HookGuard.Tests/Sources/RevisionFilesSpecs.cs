using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Sources;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Sources;

/// <summary>
/// The policy files (configuration, then baseline) read from one commit and from the index: the
/// commit's root tree and the index are read once per repository found, as one snapshot; a repository
/// found again (as every scan finds it) reads them again.
/// </summary>
[NonParallelizable]
public class RevisionFilesSpecs
{
    [Test]
    public void The_index_is_read_once_per_repository_found()
    {
        using var repo = new TempRepo();
        repo.Write(".hookguard.yaml", "maxFileSize: 1MB\n");
        repo.Write(".hookguard-baseline.json", "{}\n");
        repo.Stage();
        var found = Repository.FindWithoutGit(repo.Root)!;
        Assert.That(RevisionFiles.ReadStaged(found, ".hookguard.yaml", ".hookguard.yaml", 1 << 20)?.Text, Is.EqualTo("maxFileSize: 1MB\n"));
        repo.Write(".hookguard.yaml", "maxFileSize: 2MB\n");
        repo.Write(".hookguard-baseline.json", "{ }\n");
        repo.Stage();
        // The same repository: the index as first read, both files from the same snapshot.
        Assert.That(RevisionFiles.ReadStaged(found, ".hookguard.yaml", ".hookguard.yaml", 1 << 20)?.Text, Is.EqualTo("maxFileSize: 1MB\n"));
        Assert.That(RevisionFiles.ReadStaged(found, ".hookguard-baseline.json", ".hookguard-baseline.json", 1 << 20)?.Text, Is.EqualTo("{}\n"));
        // Found again: read again.
        var again = Repository.FindWithoutGit(repo.Root)!;
        Assert.That(RevisionFiles.ReadStaged(again, ".hookguard.yaml", ".hookguard.yaml", 1 << 20)?.Text, Is.EqualTo("maxFileSize: 2MB\n"));
        Assert.That(RevisionFiles.ReadStaged(again, ".hookguard-baseline.json", ".hookguard-baseline.json", 1 << 20)?.Text, Is.EqualTo("{ }\n"));
    }

    [Test]
    public void A_commit_s_root_tree_is_read_once_for_the_files_read_from_it()
    {
        using var repo = new TempRepo();
        repo.Write(".hookguard.yaml", "maxFileSize: 1MB\n");
        repo.Write(".hookguard-baseline.json", "{}\n");
        repo.Commit("policy");
        var commit = repo.Head;
        var tree = repo.Git("rev-parse", "HEAD^{tree}").Trim();
        var found = Repository.FindWithoutGit(repo.Root)!;
        Assert.That(RevisionFiles.Read(found, commit, ".hookguard.yaml", ".hookguard.yaml", 1 << 20)?.Text, Is.EqualTo("maxFileSize: 1MB\n"));
        // Without the tree object: the file next to the first is still read, from the tree read with it.
        File.Delete(HandBuiltObjects.LoosePath(repo, tree));
        Assert.That(RevisionFiles.Read(found, commit, ".hookguard-baseline.json", ".hookguard-baseline.json", 1 << 20)?.Text, Is.EqualTo("{}\n"));
        // Found again, the tree is read again: git, asked in turn, reports the missing object.
        Assert.That(() => RevisionFiles.Read(Repository.FindWithoutGit(repo.Root)!, commit, ".hookguard-baseline.json", ".hookguard-baseline.json", 1 << 20),
            Throws.InstanceOf<GitException>());
    }
}
