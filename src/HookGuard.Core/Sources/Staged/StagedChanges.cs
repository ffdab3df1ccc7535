using System.Text;
using HookGuard.GitStore;

namespace HookGuard.Sources.Staged;

/// <summary>
/// The index against HEAD's tree, path by path, as `git diff --cached` pairs them: HEAD's trees are
/// walked in their stored order, which is the index's, beside the index's entries. Folders the index's
/// cache tree records with HEAD's own tree id are skipped unread: after `git add` of a few files only
/// their folders are walked. Null where git's output would hold more than added and modified files:
/// a deleted path next to an added one (rename detection may pair them), or an entry that changed type
/// (file, symlink, submodule).
/// </summary>
internal static class StagedChanges
{
    public static List<FileChange>? Compute(IndexFile index, ObjectDatabase objects, byte[]? headCommit)
    {
        var walk = new Walk(index, objects);
        if (headCommit is not null && (CommitHeader.Read(objects, headCommit) is not { } head || !walk.Tree(head.Tree, prefix: 0))) return null;
        walk.AddRest();
        return walk.AnyAdded && walk.AnyDeleted ? null : walk.Changes;
    }

    /// <summary>One merge of HEAD's files with the index's entries, both in path order.</summary>
    private ref struct Walk
    {
        private readonly ObjectDatabase _objects;
        private readonly Dictionary<string, byte[]> _validTrees;
        private IndexFile.Enumerator _index;
        private bool _hasEntry;
        private byte[] _path = new byte[256]; // the HEAD path being walked: folder prefixes, then a name

        public Walk(IndexFile index, ObjectDatabase objects)
        {
            (_objects, _validTrees) = (objects, index.ValidTrees);
            _index = index.GetEnumerator();
            _hasEntry = _index.MoveNext();
        }

        public List<FileChange> Changes { get; } = [];

        public bool AnyAdded { get; private set; }

        public bool AnyDeleted { get; private set; }

        /// <summary>HEAD's files under the folder whose path, '/' included, is _path[..prefix]; false to give up.</summary>
        public bool Tree(ReadOnlySpan<byte> id, int prefix)
        {
            var folder = Encoding.Latin1.GetString(_path, 0, Math.Max(0, prefix - 1));
            if (_validTrees.TryGetValue(folder, out var cached) && id.SequenceEqual(cached))
            {
                AddBefore(_path.AsSpan(0, prefix));
                while (_hasEntry && _index.Current.Path.StartsWith(_path.AsSpan(0, prefix))) _hasEntry = _index.MoveNext();
                return true;
            }
            if (_objects.Read(id) is not { Kind: GitObjectKind.Tree, Content: var content }) return false;
            var entries = new TreeEntries(content);
            while (entries.MoveNext())
            {
                var length = prefix + entries.Name.Length;
                if (length + 1 > _path.Length) Array.Resize(ref _path, Math.Max(length + 1, 2 * _path.Length));
                entries.Name.CopyTo(_path.AsSpan(prefix));
                if (!EntryMode.IsDirectory(entries.Mode))
                {
                    if (!HeadFile(_path.AsSpan(0, length), entries.Mode, entries.Id)) return false;
                    continue;
                }
                _path[length] = (byte)'/';
                if (!Tree(entries.Id, length + 1)) return false;
            }
            return !entries.Malformed;
        }

        /// <summary>Index entries after every HEAD file: added.</summary>
        public void AddRest() => AddBefore(default, all: true);

        /// <summary>One of HEAD's files against the index entry at its path, if any; false when its type changed.</summary>
        private bool HeadFile(ReadOnlySpan<byte> path, int mode, ReadOnlySpan<byte> id)
        {
            AddBefore(path);
            if (!_hasEntry || !_index.Current.Path.SequenceEqual(path))
            {
                AnyDeleted = true;
                return true;
            }
            var entry = _index.Current;
            if (entry.Mode != mode || !entry.Id.SequenceEqual(id))
            {
                if (!EntryMode.SameType(mode, entry.Mode)) return false;
                Changes.Add(new FileChange(path.ToArray(), mode, id.ToArray(), entry.Mode, entry.Id.ToArray(), entry.Size));
            }
            _hasEntry = _index.MoveNext();
            return true;
        }

        /// <summary>Index entries sorting before the path: HEAD has no file there, so they are added.</summary>
        private void AddBefore(ReadOnlySpan<byte> path, bool all = false)
        {
            while (_hasEntry && (all || _index.Current.Path.SequenceCompareTo(path) < 0))
            {
                var entry = _index.Current;
                AnyAdded = true;
                Changes.Add(new FileChange(entry.Path.ToArray(), 0, null, entry.Mode, entry.Id.ToArray(), entry.Size));
                _hasEntry = _index.MoveNext();
            }
        }
    }
}
