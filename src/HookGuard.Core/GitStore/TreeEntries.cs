namespace HookGuard.GitStore;

/// <summary>
/// A tree object's entries in stored order, read in place: "MODE NAME\0" then 20 id bytes, MODE in
/// octal. A malformed entry ends the walk with <see cref="Malformed"/> set.
/// </summary>
internal ref struct TreeEntries(ReadOnlySpan<byte> tree)
{
    private ReadOnlySpan<byte> _rest = tree;

    public int Mode { get; private set; }

    public ReadOnlySpan<byte> Name { get; private set; }

    public ReadOnlySpan<byte> Id { get; private set; }

    public bool Malformed { get; private set; }

    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        var space = _rest.IndexOf((byte)' ');
        var end = space < 0 ? -1 : _rest[(space + 1)..].IndexOf((byte)0);
        if (space <= 0 || !EntryMode.TryParseOctal(_rest[..space], out var mode) || end <= 0 || space + end + 2 + ObjectId.Length > _rest.Length)
        {
            Malformed = true;
            return false;
        }
        Mode = mode;
        Name = _rest.Slice(space + 1, end);
        Id = _rest.Slice(space + end + 2, ObjectId.Length);
        _rest = _rest[(space + end + 2 + ObjectId.Length)..];
        return true;
    }
}
