using System.Text;

namespace HookGuard.GitStore;

/// <summary>
/// The commit HEAD names, read from the files-backend refs (HEAD, loose refs, packed-refs) of one git
/// directory (gitrepository-layout).
/// </summary>
internal static class HeadRef
{
    private const string SymbolicPrefix = "ref: ";

    /// <summary>False when this reader cannot tell (a damaged or unusual ref); true with null on an unborn branch.</summary>
    public static bool TryResolve(string gitDir, out byte[]? commit)
    {
        commit = null;
        var name = "HEAD";
        for (var depth = 0; depth < 8; depth++)
        {
            if (!IsPlainRefName(name)) return false;
            var value = ReadRefFile(Path.Combine(gitDir, name)) ?? (name == "HEAD" ? null : PackedRef(gitDir, name));
            if (value is null) return name != "HEAD"; // a branch with no commit yet
            if (value.StartsWith(SymbolicPrefix, StringComparison.Ordinal))
            {
                name = value[SymbolicPrefix.Length..].Trim();
                continue;
            }
            commit = ObjectId.FromHex(value.Trim());
            return commit is not null;
        }
        return false;
    }

    private static string? ReadRefFile(string path)
    {
        try { return OptionalFile.ReadAllBytes(path) is { } content ? Encoding.UTF8.GetString(content) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; } // unreadable: FromHex fails, git decides
    }

    /// <summary>"HEAD" or "refs/...": nothing that could leave the git directory.</summary>
    private static bool IsPlainRefName(string name) =>
        (name == "HEAD" || name.StartsWith("refs/", StringComparison.Ordinal)) && !name.Contains("..", StringComparison.Ordinal)
        && !name.Contains('\\') && !name.Contains("//", StringComparison.Ordinal);

    /// <summary>packed-refs lines are "ID NAME" ('#' header, '^' peeled tags).</summary>
    private static string? PackedRef(string gitDir, string name)
    {
        if (OptionalFile.ReadAllBytes(Path.Combine(gitDir, "packed-refs")) is not { } packed) return null;
        foreach (var line in Encoding.UTF8.GetString(packed).Split('\n'))
            if (line.Length > 41 && line[40] == ' ' && line.AsSpan(41).SequenceEqual(name))
                return line[..40];
        return null;
    }
}
