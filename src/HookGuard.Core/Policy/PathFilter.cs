using Microsoft.Extensions.FileSystemGlobbing;

namespace HookGuard.Policy;

/// <summary>paths.include / paths.exclude, evaluated against repository-relative paths.</summary>
public sealed class PathFilter
{
    private readonly Matcher? _matcher;

    public PathFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        if (include.Count == 0 && exclude.Count == 0) return;
        _matcher = new Matcher(StringComparison.Ordinal);
        _matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        _matcher.AddExcludePatterns(exclude);
    }

    public static PathFilter All { get; } = new([], []);

    public bool Includes(string path) => _matcher is null || _matcher.Match(path).HasMatches;
}
