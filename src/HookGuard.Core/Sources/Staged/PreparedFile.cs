namespace HookGuard.Sources.Staged;

/// <summary>A file of the staged change, ready to hand on: binary, or its new lines and (when modified) the edit script.</summary>
internal sealed record PreparedFile(string Path, string OldId, string NewId)
{
    public bool Binary { get; init; }

    public TextLines? Lines { get; init; }

    public LineDiff? Diff { get; init; }

    /// <summary>Roughly what it holds in memory: the new version and a word or two per line.</summary>
    public long Bytes => Lines is { } lines ? lines.ContentLength + 8L * lines.Count : 0;
}
