using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace HookGuard.GitStore;

/// <summary>
/// Whether HookGuard may read git's stores itself instead of asking git (the staged change instead of
/// `git diff --cached`, the commit just made instead of `git log --raw`): only where nothing git would
/// honour makes its answer differ from what is read here. Anything unknown says no, and git answers as
/// before: the gate only ever costs speed.
/// </summary>
internal static class InProcessReadGate
{
    /// <summary>
    /// A pack removed by a concurrent gc, a file that cannot be read, a zlib stream that is damage: git
    /// decides (and reports it). The readers refuse damaged structure with null themselves; anything
    /// else thrown is a bug in them and stops the scan (the hook blocks) instead of hiding in a fallback.
    /// </summary>
    public static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException;

    /// <summary>A staged file's content (null: not in the index); false when it cannot be read.</summary>
    public delegate bool StagedBlobReader(string path, out byte[]? content);

    /// <summary>Set to "git" to have git produce the staged diff, and post-commit's summary of the commit, always (troubleshooting, and the tests that compare the two).</summary>
    public const string Variable = "HOOKGUARD_STAGED_DIFF";

    // What git sets for hooks and what only concerns transport, editors or tracing. Any other GIT_*
    // variable (object or attribute sources, namespaces, replace refs, other config files) sends the diff to git.
    private static readonly string[] AllowedVariables =
    [
        "GIT_DIR", "GIT_INDEX_FILE", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_EXEC_PATH", "GIT_PREFIX", "GIT_REFLOG_ACTION",
        "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_PAGER", "GIT_TERMINAL_PROMPT", "GIT_ASKPASS", "GIT_FLUSH",
        "GIT_EXTERNAL_DIFF", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_OPTIONAL_LOCKS", "GIT_PROTOCOL",
        "GIT_MERGE_AUTOEDIT", "GIT_MERGE_VERBOSITY", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
        "GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS", "GIT_PROGRESS_DELAY",
    ];
    private static readonly string[] AllowedPrefixes =
        ["GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_SSL_", "GIT_SSH", "GIT_TRACE", "GIT_HTTP_", "GIT_CURL_", "GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"];

    // Settings, lower-cased and without blanks, that change the objects, the diff's files or its binary
    // decisions: extensions.* (SHA-256, reftable, partial clone, per-worktree config), another attributes
    // file, a big-file threshold (big files are shown as binary).
    private static readonly string[] BlockingSettings = ["extensions", "attributesfile", "bigfilethreshold"];

    /// <summary>
    /// Why the environment, configuration or repository layout leave the read to git; null when they
    /// allow an in-process read. A reason names a check, a variable or a file, never repository content.
    /// </summary>
    public static string? RepositoryRefusal(Repository repo) =>
        // Asked by the staged read and again by the policy files' reader in one hook run: the environment
        // and configuration files are read once per repository, as they cannot change during a scan.
        s_refusals.GetValue(repo, static found => new StrongBox<string?>(Refusal(found))).Value;

    private static readonly ConditionalWeakTable<Repository, StrongBox<string?>> s_refusals = new();

    private static string? Refusal(Repository repo)
    {
        if (!OperatingSystem.IsLinux()) return "not Linux: git's system configuration lives where only git knows";
        if (Environment.GetEnvironmentVariable(Variable) is "git") return Variable + "=git";
        if (!GitIsOnPath()) return "git is not on PATH";
        var variables = Environment.GetEnvironmentVariables();
        foreach (DictionaryEntry variable in variables)
            if (variable.Key is string name && name.StartsWith("GIT_", StringComparison.Ordinal) && !IsAllowedVariable(name)) return name + " is set";

        var gitDir = repo.GitDir;
        // A linked worktree keeps objects and refs in the common directory; alternates and replace refs
        // bring objects from elsewhere.
        if (File.Exists(Path.Combine(gitDir, "commondir"))) return "a linked worktree";
        if (File.Exists(Path.Combine(gitDir, "objects", "info", "alternates"))) return "objects/info/alternates borrows objects";
        if (HasReplaceRefs(gitDir)) return "replace refs, or packed-refs that cannot be read";

        foreach (DictionaryEntry variable in variables)
            if (variable.Key is "GIT_CONFIG_PARAMETERS" || variable.Key is string key && key.StartsWith("GIT_CONFIG_KEY_", StringComparison.Ordinal))
                if (variable.Value is string value && BlockingSetting(ConfigBytes.Compact(Encoding.UTF8.GetBytes(value))) is { } setting)
                    return $"{variable.Key} sets {setting}";
        foreach (var file in ConfigFiles(gitDir))
            if (ConfigRefusal(file, depth: 0) is { } refusal) return refusal;
        return null;
    }

    /// <summary>
    /// Why an attributes file that could apply to these paths leaves the read to git (it mentions `diff`
    /// or `binary`: a file marked -diff or binary is "Binary files differ" in git's patch, and a diff
    /// driver may be binary too); null when none does. Other attributes (text, eol, filter, ...) change
    /// what is stored, not how stored blobs compare.
    /// </summary>
    public static string? AttributesRefusal(Repository repo, IEnumerable<string> changedPaths, StagedBlobReader stagedAttributes)
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : home is null ? null : Path.Combine(home, ".config");
        string?[] fixedFiles =
        [
            Path.Combine(repo.GitDir, "info", "attributes"), xdg is null ? null : Path.Combine(xdg, "git", "attributes"),
            "/etc/gitattributes", "/usr/local/etc/gitattributes",
        ];
        foreach (var file in fixedFiles)
        {
            if (file is null) continue;
            if (!TryRead(file, out var content)) return file + " cannot be read";
            if (content is not null && MentionsDiff(content)) return file + " speaks of diffs or binaries";
        }

        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in changedPaths)
        {
            for (var folder = Parent(path); folder is not null && checkedFolders.Add(folder); folder = Parent(folder))
            {
                var name = folder.Length == 0 ? ".gitattributes" : folder + "/.gitattributes";
                // git reads a folder's .gitattributes from the work tree, or from the index where the file is absent.
                // The folder is not named: a name in the repository may itself be a secret.
                if (!TryRead(Path.Combine(repo.Root, name), out var content)) return "a changed folder's .gitattributes cannot be read";
                if (content is null && !stagedAttributes(name, out content)) return "a changed folder's staged .gitattributes cannot be read";
                if (content is not null && MentionsDiff(content)) return "a changed folder's .gitattributes speaks of diffs or binaries";
            }
        }
        return null;
    }

    private static string? Parent(string path) =>
        path.Length == 0 ? null : path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static bool MentionsDiff(byte[] content)
    {
        var text = ConfigBytes.Compact(content);
        return text.IndexOf("diff"u8) >= 0 || text.IndexOf("binary"u8) >= 0;
    }

    /// <summary>
    /// Without git on PATH the scan fails as it always did, naming git: a setup that cannot run git's
    /// own commands is reported, not papered over.
    /// </summary>
    private static bool GitIsOnPath()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, "git"))) return true;
        return false;
    }

    private static bool IsAllowedVariable(string name)
    {
        foreach (var allowed in AllowedVariables)
            if (name == allowed) return true;
        foreach (var prefix in AllowedPrefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool HasReplaceRefs(string gitDir)
    {
        var loose = Path.Combine(gitDir, "refs", "replace");
        if (Directory.Exists(loose) && Directory.EnumerateFileSystemEntries(loose).Any()) return true;
        return !TryRead(Path.Combine(gitDir, "packed-refs"), out var packed) || packed is not null && packed.AsSpan().IndexOf(" refs/replace/"u8) >= 0;
    }

    /// <summary>The files git reads its configuration from on Linux, in its order (git-config's FILES).</summary>
    private static IEnumerable<string> ConfigFiles(string gitDir)
    {
        if (Environment.GetEnvironmentVariable("GIT_CONFIG_NOSYSTEM") is not { Length: > 0 } noSystem || noSystem is "0" or "false")
        {
            if (Environment.GetEnvironmentVariable("GIT_CONFIG_SYSTEM") is { Length: > 0 } system) yield return system;
            else
            {
                yield return "/etc/gitconfig";
                yield return "/usr/local/etc/gitconfig";
            }
        }
        if (Environment.GetEnvironmentVariable("GIT_CONFIG_GLOBAL") is { Length: > 0 } global) yield return global;
        else
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : home is null ? null : Path.Combine(home, ".config");
            if (xdg is not null) yield return Path.Combine(xdg, "git", "config");
            if (home is not null) yield return Path.Combine(home, ".gitconfig");
        }
        yield return Path.Combine(gitDir, "config");
    }

    /// <summary>
    /// Why a config file, or a file it may include (include.path and includeIf.*.path, whatever their
    /// condition: reading one file too many only makes the gate stricter), leaves the read to git.
    /// </summary>
    private static string? ConfigRefusal(string file, int depth)
    {
        if (!TryRead(file, out var content)) return file + " cannot be read";
        if (content is null) return null;
        if (depth > 10) return file + " is included more than 10 deep"; // git's own include limit
        var original = Encoding.UTF8.GetString(content);
        var text = ConfigBytes.Compact(content);
        if (BlockingSetting(text) is { } setting) return $"{file} sets {setting}";
        if (text.IndexOf("include"u8) < 0) return null;
        foreach (var included in IncludedPaths(original, Path.GetDirectoryName(file) ?? "."))
            if (ConfigRefusal(included, depth + 1) is { } refusal) return refusal;
        return null;
    }

    /// <summary>The values of `path = ...` lines, as git resolves them (~/ is home, relative is beside the including file).</summary>
    private static IEnumerable<string> IncludedPaths(string config, string folder)
    {
        foreach (var rawLine in config.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=');
            if (equals < 0 || !line[..equals].Trim().Equals("path", StringComparison.OrdinalIgnoreCase)) continue;
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            if (value.StartsWith("~/", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("HOME") is { } home) value = Path.Combine(home, value[2..]);
            if (value.Length > 0) yield return Path.IsPathRooted(value) ? value : Path.Combine(folder, value);
        }
    }

    /// <summary>The first setting of <see cref="BlockingSettings"/> the text mentions; null when none.</summary>
    /// <param name="compact">Configuration text as <see cref="ConfigBytes.Compact"/> leaves it.</param>
    private static string? BlockingSetting(ReadOnlySpan<byte> compact)
    {
        foreach (var setting in BlockingSettings)
            if (compact.IndexOf(Encoding.ASCII.GetBytes(setting)) >= 0) return setting;
        return null;
    }

    /// <summary>False when the file is there but cannot be read (git decides then); content null when it is absent.</summary>
    private static bool TryRead(string path, out byte[]? content)
    {
        content = null;
        try { content = OptionalFile.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        return true;
    }
}
