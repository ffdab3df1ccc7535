namespace HookGuard.Findings;

/// <summary>What a scan looked at, so a hook that silently scans nothing is visible.</summary>
internal sealed class ScanStats
{
    public int Files { get; set; }
    public long Lines { get; set; }
    public long Bytes { get; set; }
    public int Commits { get; set; }
    public int BinaryFilesSkipped { get; set; }
    public List<SkippedFile> Skipped { get; } = [];
    /// <summary>What the scan could not see (a shallow history, pushed refs not handed over), said in every format.</summary>
    public List<string> Warnings { get; } = [];
    public double ElapsedMs { get; set; }
}

internal sealed record SkippedFile(string Path, string Reason);
