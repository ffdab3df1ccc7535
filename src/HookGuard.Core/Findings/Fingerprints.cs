using System.Security.Cryptography;
using System.Text;

namespace HookGuard.Findings;

public static class Fingerprints
{
    /// <summary>
    /// SHA-256 of rule id and secret: stable across edits (no line numbers) and safe to store,
    /// since it reveals nothing of the secret.
    /// </summary>
    public static string Of(string ruleId, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(ruleId + ":" + secret);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
