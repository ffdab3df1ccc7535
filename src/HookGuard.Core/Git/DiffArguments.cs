namespace HookGuard.Git;

/// <summary>The patch options every source uses, so that git's output has the one shape the reader parses.</summary>
internal static class DiffArguments
{
    // One line of context gives the line above an added line, where an allowlist comment may stand.
    public static readonly string[] Patch =
    [
        "--no-ext-diff", "--no-textconv", "--no-color", "-U1", "-M", "--src-prefix=a/", "--dst-prefix=b/",
        "--no-relative", "--ignore-submodules=none",
    ];
}
