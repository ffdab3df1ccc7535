using System.IO.Hashing;
using System.Text;

namespace HookGuard.Sources;

/// <summary>
/// What a change adds, without its content: (new path, old blob, new blob) of every file whose content
/// it changes, deletions left out. A staged patch gives it from its `index` lines (full ids: see
/// <see cref="DiffArguments"/>), the commit made from it from `git diff --raw`, which reads no file.
/// post-commit compares the two to know that the commit is the change pre-commit scanned: hashing the
/// commit's patch again takes as long as git producing it. A summary that
/// differs only sends post-commit to that slower comparison, never past a change it has not seen.
/// A hook written by an older HookGuard pipes a patch with abbreviated ids: the mark then says how
/// many hex digits to compare (see <see cref="Mark"/>).
/// </summary>
internal sealed class ChangeSummary
{
    private readonly List<(string Path, string Old, string New)> _files = [];

    /// <param name="path">The file's path after the change (null when a patch header left it unknown: never matches).</param>
    public void Add(string? path, string oldId, string newId)
    {
        // Deleted, or only its mode changed (--raw lists it, a patch has no `index` line): nothing added.
        if (newId.AsSpan().IndexOfAnyExcept('0') < 0 || oldId == newId) return;
        _files.Add((path ?? "\0unknown", oldId, newId));
    }

    /// <summary>How many files it lists.</summary>
    public int Count => _files.Count;

    /// <summary>The shortest blob id it holds: 40 (SHA-1) or 64 (SHA-256) from full ids, fewer from abbreviated ones.</summary>
    private int IdLength
    {
        get
        {
            var shortest = int.MaxValue;
            foreach (var (_, oldId, newId) in _files) shortest = Math.Min(shortest, Math.Min(oldId.Length, newId.Length));
            return shortest == int.MaxValue ? 0 : shortest;
        }
    }

    /// <summary>"digits:hash": what pre-commit leaves, ids compared on their first `digits` hex digits (all of them, for full ids).</summary>
    public string Mark() => $"{IdLength}:{Hash(IdLength)}";

    /// <summary>Whether this change is the one a <see cref="Mark"/> was left for.</summary>
    public bool Matches(string mark) =>
        mark.IndexOf(':') is var colon and > 0 && int.TryParse(mark.AsSpan(0, colon), out var digits)
        && mark[(colon + 1)..] == Hash(digits);

    /// <summary>XxHash128 (hex) of the files in path order, ids cut to `digits`: the same for the same change however it was listed.</summary>
    private string Hash(int digits)
    {
        _files.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path) is var order and not 0 ? order
            : string.CompareOrdinal(a.Old, b.Old) is var byOld and not 0 ? byOld : string.CompareOrdinal(a.New, b.New));
        var hash = new XxHash128();
        foreach (var (path, oldId, newId) in _files)
            hash.Append(Encoding.UTF8.GetBytes($"{path}\0{oldId[..Math.Min(digits, oldId.Length)]}\0{newId[..Math.Min(digits, newId.Length)]}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// From `git diff --raw -z --no-abbrev` output: per file ":oldmode newmode oldid newid status", then
    /// its path, and for a rename or copy the new path, each ended by NUL.
    /// </summary>
    public static ChangeSummary FromRaw(ReadOnlySpan<byte> raw)
    {
        var summary = new ChangeSummary();
        while (NextField(ref raw) is { Length: > 0 } meta && meta[0] == (byte)':')
        {
            // ":100644 100644 <old> <new> M" (the status may carry a score: R087).
            var fields = Encoding.ASCII.GetString(meta[1..]).Split(' ');
            if (fields.Length < 5) break;
            var path = NextField(ref raw);
            if (fields[4].Length > 0 && fields[4][0] is 'R' or 'C') path = NextField(ref raw);
            summary.Add(Encoding.UTF8.GetString(path), fields[2], fields[3]);
        }
        return summary;
    }

    private static ReadOnlySpan<byte> NextField(ref ReadOnlySpan<byte> raw)
    {
        var end = raw.IndexOf((byte)0);
        var field = end < 0 ? raw : raw[..end];
        raw = end < 0 ? [] : raw[(end + 1)..];
        return field;
    }
}
