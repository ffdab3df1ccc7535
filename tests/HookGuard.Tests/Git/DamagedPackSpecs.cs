using System.Diagnostics;
using HookGuard.GitStore;
using HookGuard.Tests.Support;
using static HookGuard.Tests.Support.HandBuiltObjects;

namespace HookGuard.Tests.Git;

/// <summary>Packs damaged by hand: the reader refuses them at once (null: git decides), never loops or allocates a claim.</summary>
public class DamagedPackSpecs
{
    [Test]
    public void Reference_deltas_that_are_each_other_s_base_are_refused_at_once()
    {
        using var repo = new TempRepo();
        const string first = "1111111111111111111111111111111111111111", second = "2222222222222222222222222222222222222222";
        byte[] delta = [3, 3, 0x90, 3];
        WritePack(repo,
            (first, Concat(EntryHeader(7, 1_900_000_000), Convert.FromHexString(second), Zlib(delta))),
            (second, Concat(EntryHeader(7, 1_900_000_000), Convert.FromHexString(first), Zlib(delta))));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        var clock = Stopwatch.StartNew();
        Assert.That(objects.Read(Convert.FromHexString(first)), Is.Null);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_reference_delta_that_is_its_own_base_is_refused()
    {
        using var repo = new TempRepo();
        const string id = "3333333333333333333333333333333333333333";
        WritePack(repo, (id, Concat(EntryHeader(7, 1_900_000_000), Convert.FromHexString(id), Zlib([3, 3, 0x90, 3]))));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id)), Is.Null);
    }

    [Test]
    public void A_commit_that_does_not_hash_to_its_id_is_refused()
    {
        using var repo = new TempRepo();
        const string id = "4444444444444444444444444444444444444444";
        WritePack(repo, (id, Concat(EntryHeader(1, 5), Zlib(Ascii("hello")))));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id)), Is.Null);
    }

    [Test]
    public void A_blob_is_read_as_git_reads_it_whatever_its_id()
    {
        using var repo = new TempRepo();
        const string id = "5555555555555555555555555555555555555555";
        WritePack(repo, (id, Concat(EntryHeader(3, 5), Zlib(Ascii("hello")))));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id))?.Content, Is.EqualTo(Ascii(repo.Git("cat-file", "blob", id))));
    }

    [Test]
    public void Of_a_packed_and_a_loose_copy_the_packed_one_is_read_as_git_reads_it()
    {
        using var repo = new TempRepo();
        var id = repo.Run("git", ["hash-object", "-w", "--stdin"], stdin: "the packed copy\n").Stdout.Trim();
        repo.Run("git", ["pack-objects", "-q", Path.Combine(repo.Root, ".git", "objects", "pack", "pack")], stdin: id + "\n");
        ReplaceLoose(repo, id, Zlib(Ascii("blob 15\0the loose copy\n")));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        var read = objects.Read(Convert.FromHexString(id))?.Content;
        Assert.That(read, Is.EqualTo(Ascii(repo.Git("cat-file", "blob", id))));
        Assert.That(read, Is.EqualTo(Ascii("the packed copy\n")));
    }

    [Test]
    public void A_loose_object_whose_zlib_header_asks_for_a_preset_dictionary_is_refused()
    {
        using var repo = new TempRepo();
        var id = repo.Run("git", ["hash-object", "-w", "--stdin"], stdin: "hello\n").Stdout.Trim();
        // FLG with FDICT set and a valid check value: zlib stops for a dictionary git never supplies.
        ReplaceLoose(repo, id, [0x08, 0x3c, 0xaa, 0xd8, 0xfe, 0xcd, 0x6f, 0x8c, 0x08, 0xc1]);
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id)), Is.Null);
    }

    [Test]
    public void A_pack_entry_whose_zlib_header_asks_for_a_preset_dictionary_is_refused()
    {
        using var repo = new TempRepo();
        const string id = "7777777777777777777777777777777777777777";
        WritePack(repo, (id, Concat(EntryHeader(3, 5), [0x08, 0x3c, 0xaa, 0xd8, 0xfe, 0xcd, 0x6f, 0x8c, 0x08, 0xc1])));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id)), Is.Null);
    }

    [Test]
    public void An_intact_hand_built_pack_entry_is_read()
    {
        using var repo = new TempRepo();
        var id = repo.Run("git", ["hash-object", "--stdin"], stdin: "hello").Stdout.Trim();
        WritePack(repo, (id, Concat(EntryHeader(3, 5), Zlib(Ascii("hello")))));
        using var objects = new ObjectDatabase(Path.Combine(repo.Root, ".git", "objects"));
        Assert.That(objects.Read(Convert.FromHexString(id))?.Content, Is.EqualTo(Ascii("hello")));
    }
}
