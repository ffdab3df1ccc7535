namespace HookGuard.Matching;

/// <summary>
/// For rules that recognise a secret by the name it is assigned to (`password = ...`) rather than by a
/// provider's format: the files they skip. Whether a value reads like a secret is the scorer's
/// (Generic/GenericScorer) to decide.
/// </summary>
internal static class GenericValues
{
    /// <summary>
    /// Files whose values are never secrets written by a person: lock files (integrity hashes, resolved
    /// URLs) and localisation catalogues (the word "password" translated). Generic rules skip them;
    /// provider rules, which know their format, still run there. A fixed list, checked by name, extension
    /// and folder without globbing: it is asked once per file, and glob matching allocated ~20 KB a call.
    /// </summary>
    public static bool InNotSecretFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (LockFileNames.Contains(name) || NotSecretExtensions.Contains(Path.GetExtension(name))) return true;
        var folders = LocalisationFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var segment in path.AsSpan().Split('/'))
            if (segment.End.Value < path.Length && folders.Contains(path.AsSpan()[segment])) return true;
        return false;
    }

    private static readonly HashSet<string> LockFileNames = new(StringComparer.OrdinalIgnoreCase)
        { "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "packages.lock.json" };
    private static readonly HashSet<string> NotSecretExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".lock", ".lockfile", ".po", ".pot", ".xlf", ".xliff", ".strings", ".resx" };
    private static readonly HashSet<string> LocalisationFolders = new(StringComparer.OrdinalIgnoreCase)
        { "locales", "locale", "i18n", "l10n", "lang", "langs", "translations" };
}
