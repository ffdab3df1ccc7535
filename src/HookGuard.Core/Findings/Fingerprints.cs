using System.Collections.Concurrent;
using System.Text;
using HookGuard.Platform;

namespace HookGuard.Findings;

/// <summary>
/// Fingerprint scheme 2 (docs/DESIGN.md, Fingerprints): PBKDF2-HMAC-SHA256 of the rule id, the secret's
/// material (a private key's body, not its header) and, when a repository asks for it, the file,
/// salted with the repository's identity. Deliberately slow, so that a committed fingerprint cannot be
/// matched against a list of guessed passwords cheaply; salted, so that a table computed for one
/// repository is useless for another; the same in every clone, so baselines and allow entries keep working.
/// </summary>
internal static class Fingerprints
{
    /// <summary>Slow on purpose (a guess list costs this per guess), and affordable: fingerprints are computed only for findings.</summary>
    public const int Iterations = 30_000;
    public const int ShortLength = 12;
    private const string SaltPrefix = "hookguard-fingerprint-v2:";

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly Lock SaltLock = new();
    private static Func<string>? _saltSource;
    private static string? _salt;

    /// <summary>
    /// Where the repository's salt comes from (asked once, at the first fingerprint): the scans of one
    /// process all belong to one repository. Without one (a folder outside git) the salt is empty.
    /// </summary>
    public static void UseSalt(Func<string> source)
    {
        lock (SaltLock)
        {
            _saltSource = source;
            _salt = null;
            Cache.Clear();
        }
    }

    private static string Salt
    {
        get
        {
            if (_salt is { } known) return known;
            lock (SaltLock) return _salt ??= _saltSource?.Invoke() ?? "";
        }
    }

    /// <summary>The fingerprint of a secret's material for one rule (and one file, with allowlist.pathInFingerprint).</summary>
    public static string Of(string ruleId, string material, string? path = null)
    {
        var password = path is null ? ruleId + "\n" + material : ruleId + "\n" + path + "\n" + material;
        return Cache.GetOrAdd(password, static p =>
            Convert.ToHexStringLower(Pbkdf2Sha256.DeriveKey(Encoding.UTF8.GetBytes(p), Encoding.UTF8.GetBytes(SaltPrefix + Salt), Iterations)));
    }

    /// <summary>
    /// Scheme 1, unsalted SHA-256 of rule and secret: only recognised, so that an entry written with it
    /// is reported as retired instead of silently no longer matching.
    /// </summary>
    public static string Legacy(string ruleId, string secret, string? path = null)
    {
        var bytes = Encoding.UTF8.GetBytes(path is null ? ruleId + ":" + secret : ruleId + ":" + path + ":" + secret);
        return Convert.ToHexStringLower(Sha256.HashData(bytes));
    }

    /// <summary>The short form an allow comment carries (`fp=`): the first 12 hex digits.</summary>
    public static string Short(string fingerprint) => fingerprint.Length > ShortLength ? fingerprint[..ShortLength] : fingerprint;
}
