using HookGuard.Cli.CommandLine;
using HookGuard.Config;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Rules;
using HookGuard.Scanning;
using HookGuard.Yaml;

namespace HookGuard.Cli.Commands;

/// <summary>
/// Reports what a scanned change does to the policy, which it cannot use for itself, and refuses a
/// configuration it brings that does not load (it would judge the next change).
/// </summary>
internal static class PolicyReview
{
    /// <param name="proposed">Where the change's own version of the policy files is; null: nothing to compare.</param>
    /// <param name="where">"in this commit", "in this push", ...</param>
    public static List<PolicyChange> Changes(ParsedArgs args, RepoContext ctx, ScanMode mode, PolicyOrigin? proposed, string where)
    {
        if (proposed is null || ctx.Repository is not { } repo || args.Has(CommonOptions.Config.Name)) return [];
        var after = PolicySnapshot.Read(repo, repo.Root, proposed, explicitConfig: null);
        if (mode == ScanMode.Staged) CheckWorkingCopy(repo.Root, ctx.Policy, after);
        var changes = PolicyChanges.Between(ctx.Policy, after);
        foreach (var line in PolicyChanges.Describe(changes, where, ctx.Policy.Where))
            Console.Error.WriteLine("hookguard: " + TerminalText.Escape(line));
        return changes;
    }

    /// <summary>
    /// A staged scan run by hand judged the staged policy files: where they differ from HEAD's, it says
    /// that the pre-commit hook will not, so a preview is never mistaken for the commit's verdict.
    /// </summary>
    public static void NoteStagedPreview(ParsedArgs args, RepoContext ctx)
    {
        if (ctx.Repository is not { } repo || args.Has(CommonOptions.Config.Name)) return;
        var head = PolicySnapshot.Read(repo, repo.Root, PolicyOrigin.HeadOrIndex, explicitConfig: null);
        if (PolicyChanges.Between(head, ctx.Policy).Count == 0) return;
        Console.Error.WriteLine("hookguard: note: this scan by hand judged the staged .hookguard.yaml and baseline; the pre-commit hook " +
            $"judges this commit with the versions {TerminalText.Escape(head.Where)}, and the staged ones only the commits after it");
    }

    /// <summary>
    /// The working copy never judges a commit, but one that does not load is reported now rather than
    /// when it is committed and every later commit stops on it.
    /// </summary>
    private static void CheckWorkingCopy(string root, PolicySnapshot trusted, PolicySnapshot staged)
    {
        var text = PolicyFile.ReadWorkingCopy(root, ConfigLoader.FileName, ConfigLoader.FileName, PolicyFile.MaxConfigBytes);
        if (text is null || text == trusted.ConfigText || text == staged.ConfigText) return;
        ConfigLoader.Parse(ConfigLoader.FileName, text, RuleSet.BuiltIn, out var errors);
        if (errors.Count > 0)
        {
            errors.Add(new ConfigError(ConfigLoader.FileName, 0, 0, "(the working copy, not yet staged; it judges nothing until it is committed, but fix it now)"));
            throw new ConfigException(errors);
        }
    }
}
