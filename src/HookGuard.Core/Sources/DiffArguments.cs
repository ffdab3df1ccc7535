namespace HookGuard.Sources;

/// <summary>The patch options every source uses, so that git's output has the one shape the reader parses.</summary>
internal static class DiffArguments
{
    // One line of context gives the line above an added line, where an allowlist comment may stand.
    // Full blob ids in `index` lines: a staged patch's ChangeSummary is compared with its commit's --raw.
    public static readonly string[] Patch =
    [
        "--no-ext-diff", "--no-textconv", "--no-color", "-U1", "-M", "--full-index", "--src-prefix=a/", "--dst-prefix=b/",
        "--no-relative", "--ignore-submodules=none",
    ];

    /// <summary>The same change as <see cref="Patch"/> lists it (renames alike), as `--raw` records: no content read.</summary>
    public static readonly string[] Raw = ["--raw", "-z", "--no-abbrev", "-M", "--no-relative", "--ignore-submodules=none"];
}
