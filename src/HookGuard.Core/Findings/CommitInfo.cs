namespace HookGuard.Findings;

/// <summary>The commit that added a line, when scanning history rather than the index.</summary>
internal sealed record CommitInfo(string Sha, string Author, string Subject)
{
    public string ShortSha => Sha.Length > 10 ? Sha[..10] : Sha;
}
