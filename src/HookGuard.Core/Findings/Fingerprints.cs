using System.Text;

namespace HookGuard.Findings;

public static class Fingerprints
{
    /// <summary>
    /// SHA-256 of rule id and secret (and the file, when a repository asks for that): stable across edits,
    /// since no line number is in it, and safe to store, since it reveals nothing of the secret.
    /// </summary>
    public static string Of(string ruleId, string secret, string? path = null)
    {
        var bytes = Encoding.UTF8.GetBytes(path is null ? ruleId + ":" + secret : ruleId + ":" + path + ":" + secret);
        return Convert.ToHexStringLower(Sha256.HashData(bytes));
    }
}
