using HookGuard.Cli.CommandLine;
using HookGuard.Platform;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

/// <summary>What a scan is given before it starts: a range that must name commits, or `-` for standard input.</summary>
internal static class ScanInput
{
    /// <summary>
    /// A range whose ends are not commits here is a usage error (exit 2), not an internal one: in CI it
    /// is a clone without the target branch. A GitLab report is still written, with status failure and
    /// the reason, so the pipeline's artifact says why nothing was scanned.
    /// </summary>
    public static void CheckRange(string root, string range, ParsedArgs args, IReporter reporter)
    {
        var sides = range.Split(range.Contains("...", StringComparison.Ordinal) ? "..." : "..");
        foreach (var side in sides.Where(s => s.Length > 0))
        {
            if (GitProcess.Capture(root, "rev-parse", "--verify", "--quiet", "--end-of-options", side + "^{commit}") is { Length: > 0 }) continue;
            var message = $"option '--range': '{side}' is not a commit in this clone; in CI fetch the target branch first " +
                "(GitHub: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: \"0\" or `git fetch origin BRANCH`), " +
                "and scan merge requests only (a branch pipeline has no target branch)";
            if (reporter is GitLabReporter gitlab && args.Value(CommonOptions.Output.Name) is { } path)
            {
                using var file = new StreamWriter(path);
                gitlab.WriteFailure(file, message);
            }
            throw new UsageException(message);
        }
    }

    /// <summary>Standard input saved to a file named `stdin` in a folder of its own, when the paths hold `-`.</summary>
    public static StandardInputFolder? StandardInputFolder(IReadOnlyList<string> paths)
    {
        if (!paths.Contains("-")) return null;
        var folder = Directory.CreateTempSubdirectory("hookguard-stdin-").FullName;
        using (var input = Console.OpenStandardInput())
        using (var file = File.Create(Path.Combine(folder, "stdin")))
            input.CopyTo(file);
        return new StandardInputFolder(folder);
    }

    public static IReadOnlyList<string> WithStandardInput(IReadOnlyList<string> paths, StandardInputFolder? stdin) =>
        stdin is null ? paths : paths.Select(p => p == "-" ? stdin.Path : p).ToList();
}

internal sealed class StandardInputFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
