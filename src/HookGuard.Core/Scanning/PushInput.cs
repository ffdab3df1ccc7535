using HookGuard.Sources;

namespace HookGuard.Scanning;

/// <summary>
/// The refs git gives pre-push on stdin; hook managers that swallow stdin hand them over in
/// HOOKGUARD_PUSH_REFS, and the pre-commit framework as PRE_COMMIT_FROM_REF/TO_REF.
/// </summary>
internal sealed record PushInput(string Remote, List<PushUpdate>? Updates, (string From, string To)? FromTo, List<string> Revisions)
{
    public static PushInput Read(string remote)
    {
        var text = Environment.GetEnvironmentVariable("HOOKGUARD_PUSH_REFS");
        if (string.IsNullOrWhiteSpace(text) && Console.IsInputRedirected) text = Console.In.ReadToEnd();
        if (!string.IsNullOrWhiteSpace(text))
        {
            List<PushUpdate> updates;
            try { updates = PushUpdate.ParseLines(text); }
            catch (FormatException e) { throw new ScanRequestException(e.Message); }
            return new(remote, updates, null, PushedCommits.Revisions(remote, updates));
        }
        var from = Environment.GetEnvironmentVariable("PRE_COMMIT_FROM_REF");
        var to = Environment.GetEnvironmentVariable("PRE_COMMIT_TO_REF");
        if (!string.IsNullOrEmpty(from) && !string.IsNullOrEmpty(to)) return new(remote, null, (from, to), [$"{from}..{to}"]);
        return new(remote, null, null, PushedCommits.Fallback(remote));
    }
}
