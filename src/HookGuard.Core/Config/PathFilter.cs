using Microsoft.Extensions.FileSystemGlobbing;

namespace HookGuard.Config;

/// <summary>paths.include / paths.exclude, evaluated against repository-relative paths.</summary>
internal sealed class PathFilter
{
    private readonly Matcher? _matcher;
    // Set when every include is a file-name glob and nothing is excluded (rules' own paths are):
    // the library's Match builds a directory model per call, which a scan would pay per file.
    private readonly FileNameGlob[]? _fileNames;

    public PathFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        if (include.Count == 0 && exclude.Count == 0) return;
        _fileNames = exclude.Count == 0 ? FileNameGlob.TryParseAll(include) : null;
        if (_fileNames is not null) return;
        _matcher = new Matcher(StringComparison.Ordinal);
        _matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        _matcher.AddExcludePatterns(exclude);
    }

    public static PathFilter All { get; } = new([], []);

    public bool Includes(string path)
    {
        if (_fileNames is null) return _matcher is null || _matcher.Match(path).HasMatches;
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        foreach (var glob in _fileNames)
            if (glob.Matches(name)) return true;
        return false;
    }

    /// <summary>`**/name`, `**/*suffix` or `**/prefix*`: a file name anywhere in the tree, matched as the globbing library matches it.</summary>
    private readonly record struct FileNameGlob(string Literal, bool StarBefore, bool StarAfter)
    {
        public bool Matches(ReadOnlySpan<char> name) =>
            StarBefore ? name.EndsWith(Literal, StringComparison.Ordinal)
            : StarAfter ? name.StartsWith(Literal, StringComparison.Ordinal)
            : name.SequenceEqual(Literal);

        public static FileNameGlob[]? TryParseAll(IReadOnlyList<string> patterns)
        {
            var globs = new FileNameGlob[patterns.Count];
            for (var i = 0; i < patterns.Count; i++)
            {
                if (!patterns[i].StartsWith("**/", StringComparison.Ordinal)) return null;
                var name = patterns[i][3..];
                var starBefore = name.StartsWith('*');
                var starAfter = !starBefore && name.EndsWith('*');
                var literal = starBefore ? name[1..] : starAfter ? name[..^1] : name;
                // Anything else (folders, more stars, `.`/`..` segments, backslashes) goes to the library.
                if (literal.Length == 0 || literal is "." or ".." || literal.AsSpan().IndexOfAny("*/\\") >= 0) return null;
                globs[i] = new FileNameGlob(literal, starBefore, starAfter);
            }
            return globs;
        }
    }
}
