namespace HookGuard.Install;

/// <summary>
/// What to add to each hook manager's own configuration so that it runs HookGuard. docs/INTEGRATIONS.md
/// shows the same text, and a test runs it with the real tool.
/// </summary>
internal static class ManagerSetup
{
    public const string Lefthook =
        """
        pre-commit:
          commands:
            hookguard:
              run: hookguard scan --staged --hook pre-commit
        pre-merge-commit:
          commands:
            hookguard:
              run: hookguard scan --staged --hook pre-merge-commit
        pre-push:
          commands:
            hookguard:
              run: hookguard scan --pre-push {1} {2} --hook pre-push
              use_stdin: true
        post-commit:
          commands:
            hookguard:
              run: hookguard audit record --hook post-commit
        post-merge:
          commands:
            hookguard:
              run: hookguard audit record --hook post-merge
        """;

    public const string Husky =
        """
        echo 'hookguard scan --staged --hook pre-commit' >> .husky/pre-commit
        echo 'hookguard scan --staged --hook pre-merge-commit' >> .husky/pre-merge-commit
        echo 'hookguard scan --pre-push "$1" "$2" --hook pre-push' >> .husky/pre-push
        echo 'hookguard audit record --hook post-commit' >> .husky/post-commit
        echo 'hookguard audit record --hook post-merge' >> .husky/post-merge
        """;

    public const string PreCommit =
        """
        repos:
          - repo: local
            hooks:
              - id: hookguard
                name: hookguard (secrets in staged changes)
                entry: hookguard scan --staged --hook pre-commit
                language: system
                pass_filenames: false
                always_run: true
                stages: [commit, merge-commit]
              - id: hookguard-pre-push
                name: hookguard (secrets in pushed commits)
                entry: hookguard scan --pre-push origin --hook pre-push
                language: system
                pass_filenames: false
                always_run: true
                stages: [push]
              - id: hookguard-audit
                name: hookguard (records commits made without the scan)
                entry: hookguard audit record --hook post-commit
                language: system
                pass_filenames: false
                always_run: true
                stages: [post-commit]
              - id: hookguard-audit-merge
                name: hookguard (records merges made without the scan)
                entry: hookguard audit record --hook post-merge
                language: system
                pass_filenames: false
                always_run: true
                stages: [post-merge]
        """;

    public const string PreCommitInstall = "pre-commit install -t pre-commit -t pre-merge-commit -t pre-push -t post-commit -t post-merge";

    public const string HuskyNetPreCommit = "dotnet husky run --group pre-commit";

    public const string HuskyNetPrePush = "HOOKGUARD_PUSH_REFS=\"$(cat)\" dotnet husky run --group pre-push --args \"$1\" \"$2\"";

    /// <summary>The explanation and the setup to add, for a manager whose files HookGuard does not write.</summary>
    public static IEnumerable<string> Instructions(HookManager manager)
    {
        switch (manager.Kind)
        {
            case HookManagerKind.Lefthook:
                yield return $"add this to {HookManager.LefthookConfig(manager.Root)} (merging with the hooks already there; or to lefthook-local.yml for this clone only), then run `lefthook install`:";
                yield return Lefthook;
                break;
            case HookManagerKind.Husky:
                yield return "add HookGuard to husky's own hook scripts (tracked, shared with the team; `hookguard` must be on PATH, see install.sh):";
                yield return Husky;
                break;
            case HookManagerKind.PreCommit:
                yield return $"add this hook repository to {HookManager.PreCommitConfig} (under the existing `repos:`), then run `{PreCommitInstall}`:";
                yield return PreCommit;
                break;
            case HookManagerKind.HuskyNet:
                yield return "make Husky.Net's hook scripts run the groups HookGuard's tasks are in:";
                yield return $"  .husky/pre-commit: {HuskyNetPreCommit}";
                yield return $"  .husky/pre-push:   {HuskyNetPrePush}";
                break;
        }
    }
}
