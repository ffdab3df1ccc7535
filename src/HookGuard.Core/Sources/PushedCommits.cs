namespace HookGuard.Sources;

/// <summary>One line git gives a pre-push hook: `&lt;local ref&gt; &lt;local sha&gt; &lt;remote ref&gt; &lt;remote sha&gt;`.</summary>
internal sealed record PushUpdate(string LocalRef, string LocalSha, string RemoteRef, string RemoteSha)
{
    public bool IsDeletion => IsZero(LocalSha);
    public bool IsNewRef => IsZero(RemoteSha);

    private static bool IsZero(string sha) => sha.Length > 0 && sha.All(c => c == '0');

    public static List<PushUpdate> ParseLines(string text)
    {
        var updates = new List<PushUpdate>();
        foreach (var line in text.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4)
                throw new FormatException($"pre-push input line '{line}' is not '<local ref> <local sha> <remote ref> <remote sha>'");
            updates.Add(new PushUpdate(parts[0], parts[1], parts[2], parts[3]));
        }
        return updates;
    }
}

/// <summary>
/// Turns a push into the revisions that select exactly the commits the remote lacks: every pushed
/// tip, minus what the remote already has (its old tips, when known here, and its tracking refs).
/// </summary>
internal static class PushedCommits
{
    public static List<string> Revisions(string remote, IReadOnlyList<PushUpdate> updates)
    {
        var tips = updates.Where(u => !u.IsDeletion).Select(u => u.LocalSha).Distinct().ToList();
        if (tips.Count == 0) return [];
        var remoteTips = updates.Where(u => !u.IsDeletion && !u.IsNewRef).Select(u => u.RemoteSha).Distinct();
        // A remote tip this clone has not fetched is left out by git itself (--ignore-missing), not by a
        // `git cat-file -e` per tip: a process less per push. The pushed tips exist, or git could not push them.
        return ["--ignore-missing", .. tips, "--not", .. remoteTips, "--remotes=" + remote];
    }

    /// <summary>
    /// With no refs handed over (a hook manager that swallowed stdin) the push is unknown: every local
    /// branch and HEAD, less what the remote's tracking refs hold, covers whatever it may be.
    /// </summary>
    public static List<string> Fallback(string remote) => ["HEAD", "--branches", "--not", "--remotes=" + remote];

    public static string FallbackWarning(string remote) =>
        $"the hook was given no pushed refs (a hook manager that keeps git's stdin?): scanned every local branch's commits that {remote}'s tracking refs lack; " +
        "hand the refs over in HOOKGUARD_PUSH_REFS to scan exactly what is pushed";
}
