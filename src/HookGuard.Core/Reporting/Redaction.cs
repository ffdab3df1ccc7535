namespace HookGuard.Reporting;

internal static class Redaction
{
    /// <summary>
    /// Shows at most the first four characters (a long key's well-known prefix, such as `sgp_`), fewer
    /// for short secrets, so that a printed report never gives a usable secret away.
    /// </summary>
    public static string Redact(string secret)
    {
        var shown = secret.Length >= 16 ? 4 : secret.Length >= 10 ? 2 : 0;
        return secret[..shown] + "****";
    }

    public static string Display(string secret, bool showSecrets) => showSecrets ? secret : Redact(secret);
}
