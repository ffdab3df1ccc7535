namespace HookGuard.Policy;

/// <summary>
/// Ignore comments of other secret scanners. HookGuard does not honour them (its allowlist needs a
/// reason and a reviewer), but a finding on such a line says so and offers its own allow line, rather
/// than leaving the author wondering why the comment they wrote did nothing.
/// </summary>
internal static class ForeignIgnoreComments
{
    private static readonly string[] Markers = ["gitleaks:allow", "pragma: allowlist", "trufflehog:ignore", "ggignore", "ggshield-ignore"];

    /// <summary>The other scanner's marker on the line, or null.</summary>
    public static string? Find(string? line)
    {
        if (line is null) return null;
        foreach (var marker in Markers)
            if (line.Contains(marker, StringComparison.OrdinalIgnoreCase)) return marker;
        return null;
    }
}
