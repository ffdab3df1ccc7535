using HookGuard.Findings;
using HookGuard.Policy;

namespace HookGuard.Reporting;

/// <summary>What the scan was for: it changes what the report tells a blocked person to do.</summary>
internal enum ScanMode { Files, Staged, PrePush, Range, History }

/// <summary>Everything a reporter needs; reporters only format it.</summary>
internal sealed class ScanReport
{
    public required ScanMode Mode { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }
    public IReadOnlyList<AllowedFinding> Allowed { get; init; } = [];
    public required ScanStats Stats { get; init; }
    public bool ShowSecrets { get; init; }
    /// <summary>The git hook this scan runs as (pre-commit, pre-push, ...), when it runs as one.</summary>
    public string? Hook { get; init; }
    /// <summary>What the scanned change does to .hookguard.yaml and the baseline (it takes effect after the change).</summary>
    public IReadOnlyList<(string Text, bool Relaxes)> PolicyChanges { get; init; } = [];
}
