using System.Buffers.Binary;
using System.Text;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Tests.Support;
using static HookGuard.Tests.Support.HandBuiltObjects;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// The in-process git reader on damaged bytes: an index, tree, delta, pack or loose object mutated at
/// random is refused (null: git decides), never an exception. Nothing here is caught on the hook's
/// path but I/O and zlib errors, so a parser bug would stop the commit instead of hiding in a fallback.
/// </summary>
public class StoreFuzzSpecs
{
    private TempRepo _repo = null!;
    private byte[] _index = null!, _indexV4 = null!, _indexIntentToAdd = null!, _tree = null!, _pack = null!, _packIndex = null!, _commit = null!;
    private string[] _packedIds = null!;

    [OneTimeSetUp]
    public void BuildSeeds()
    {
        _repo = new TempRepo();
        var lines = string.Concat(Enumerable.Range(0, 60).Select(i => $"setting_{i} = value {i}\n"));
        for (var version = 0; version < 4; version++)
        {
            _repo.Write("config/app.ini", lines + $"revision = {version}\n");
            _repo.Write($"src/module{version}/main.c", "int main(void) { return " + version + "; }\n");
            _repo.Stage();
            _repo.Git("commit", "-q", "-m", $"version {version}");
        }
        _repo.Git("gc", "-q");
        var git = Path.Combine(_repo.Root, ".git");
        _index = File.ReadAllBytes(Path.Combine(git, "index"));
        _repo.Git("update-index", "--index-version", "4");
        _indexV4 = File.ReadAllBytes(Path.Combine(git, "index"));
        _repo.Write("new.txt", "intent\n");
        _repo.Git("add", "-N", "new.txt");
        _indexIntentToAdd = File.ReadAllBytes(Path.Combine(git, "index"));
        var packPath = Directory.GetFiles(Path.Combine(git, "objects", "pack"), "*.pack").Single();
        _pack = File.ReadAllBytes(packPath);
        _packIndex = File.ReadAllBytes(Path.ChangeExtension(packPath, ".idx"));
        _packedIds = _repo.Git("rev-list", "--objects", "--all").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..40]).ToArray();
        using var objects = new ObjectDatabase(Path.Combine(git, "objects"));
        _commit = objects.Read(Convert.FromHexString(_repo.Git("rev-parse", "HEAD").Trim()))!.Value.Content;
        _tree = objects.Read(Convert.FromHexString(_repo.Git("rev-parse", "HEAD^{tree}").Trim()))!.Value.Content;
        Assert.That(_packedIds, Has.Length.GreaterThan(10));
    }

    [OneTimeTearDown]
    public void RemoveSeeds() => _repo.Dispose();

    [Test]
    public void The_index_reader_never_throws_on_damaged_indexes()
    {
        var file = Path.Combine(_repo.Root, "fuzzed-index");
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([_index, _indexV4, _indexIntentToAdd]), input =>
        {
            File.WriteAllBytes(file, input);
            using var index = IndexFile.Read(file);
            if (index is null) return;
            foreach (var entry in index) Assert.That(entry.Id.Length, Is.EqualTo(ObjectId.Length));
            Assert.That(index.ValidTrees.Values.All(id => id.Length == ObjectId.Length), Is.True);
        }, "index reader");
    }

    [Test]
    public void A_cache_tree_nested_beyond_any_path_is_refused_without_exhausting_the_stack()
    {
        const int depth = 300_000;
        var body = Concat(Enumerable.Repeat(Ascii("\0-1 1\n"), depth).Append(Ascii("\0-1 0\n")).ToArray());
        var header = new byte[12];
        "DIRC"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)body.Length);
        var file = _repo.WriteBytes("deep-index", Concat(header, Ascii("TREE"), size, body, new byte[ObjectId.Length]));
        using var index = IndexFile.Read(file);
        Assert.That(index?.ValidTrees, Is.Null.Or.Empty);
    }

    [Test]
    public void The_tree_walk_never_throws_on_damaged_trees() =>
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([_tree]), input =>
        {
            var entries = new TreeEntries(input);
            while (entries.MoveNext()) Assert.That(entries.Id.Length, Is.EqualTo(ObjectId.Length));
        }, "tree walk");

    [Test]
    public void Applying_a_damaged_delta_never_throws()
    {
        var source = Ascii("The quick brown fox jumps over the lazy dog");
        byte[] seed = [43, 17, 0x80 | 0x01 | 0x10, 4, 5, 5, .. " red "u8, 0x80 | 0x01 | 0x10, 40, 3, 4, .. "s!!!"u8];
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([seed]), input =>
        {
            if (DeltaPatch.Apply(source, input) is { } result) Assert.That(result.Length, Is.LessThanOrEqualTo(InflatedObject.MaxBytes));
        }, "delta patch");
    }

    [Test]
    public void Every_object_of_a_damaged_pack_is_read_or_refused_never_thrown()
    {
        var objects = Path.Combine(_repo.Root, "fuzzed-objects");
        var packs = Directory.CreateDirectory(Path.Combine(objects, "pack")).FullName;
        var ids = _packedIds.Select(Convert.FromHexString).ToArray();
        var round = 0;
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([_pack]), input =>
        {
            // A fresh name per case: the reader keeps a pack open, as it does for a whole scan.
            var name = Path.Combine(packs, $"pack-{round++}");
            File.WriteAllBytes(name + ".idx", _packIndex);
            File.WriteAllBytes(name + ".pack", input);
            using (var database = new ObjectDatabase(objects))
                foreach (var id in ids) _ = database.Read(id);
            File.Delete(name + ".idx");
            File.Delete(name + ".pack");
        }, "pack reader");
    }

    [Test]
    public void A_damaged_loose_object_is_read_or_refused_never_thrown()
    {
        const string id = "6666666666666666666666666666666666666666";
        var objects = Path.Combine(_repo.Root, "loose-objects");
        var path = Path.Combine(objects, id[..2], id[2..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([Zlib(Concat(Ascii($"blob {_tree.Length}\0"), _tree)), Zlib(Concat(Ascii($"commit {_commit.Length}\0"), _commit))]), input =>
        {
            File.WriteAllBytes(path, input);
            using var database = new ObjectDatabase(objects);
            _ = database.Read(Convert.FromHexString(id));
        }, "loose objects");
    }

    [Test]
    public void A_damaged_commit_with_a_matching_id_is_parsed_or_refused_never_thrown()
    {
        var objects = Path.Combine(_repo.Root, "commit-objects");
        FuzzSpecs.Check(FuzzSpecs.MutationsOf([_commit]), input =>
        {
            var stored = Concat(Ascii($"commit {input.Length}\0"), input);
            var sha = Sha1.Create();
            sha.Append(stored);
            var id = new byte[Sha1.HashSize];
            sha.Finish(id);
            var hex = Convert.ToHexStringLower(id);
            var path = Path.Combine(objects, hex[..2], hex[2..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Zlib(stored));
            using var database = new ObjectDatabase(objects);
            if (CommitHeader.Read(database, id) is { } header) Assert.That(header.Tree, Has.Length.EqualTo(ObjectId.Length));
        }, "commit header");
    }
}
