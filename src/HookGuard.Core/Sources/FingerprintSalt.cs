using HookGuard.GitStore;
using HookGuard.Platform;
namespace HookGuard.Sources;

/// <summary>
/// The repository identity fingerprints are salted with: the root commit HEAD's first-parent line
/// starts from. Every clone has it, it does not change as history grows or other histories are merged
/// in, and it differs between repositories, so a table of guessed secrets' fingerprints made for one
/// repository is useless for another. Before the first commit there is none (the salt is empty).
/// </summary>
internal static class FingerprintSalt
{
    public static string Of(Repository repo, TextWriter warnings)
    {
        var roots = GitProcess.Capture(repo.Root, "rev-list", "--first-parent", "--max-parents=0", "HEAD");
        var root = roots?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        if (root.Length > 0 && GitProcess.Capture(repo.Root, "rev-parse", "--is-shallow-repository")?.Trim() == "true")
            warnings.WriteLine("hookguard: warning: this is a shallow clone, so its oldest commit is not the repository's root commit, " +
                "which fingerprints are salted with: baseline and allowlist fingerprints will not match here. " +
                "Fetch the whole history (git fetch --unshallow; in CI, a full-depth checkout such as fetch-depth: 0).");
        return root;
    }
}
