using HookGuard.Matching;

namespace HookGuard.Tests.Support;

/// <summary>Credentials in real formats made up from a seeded generator: never live ones.</summary>
public static class FakeSecrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length, int seed, string alphabet = Alnum)
    {
        var random = new Random(seed);
        return string.Create(length, (random, alphabet), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = s.alphabet[s.random.Next(s.alphabet.Length)];
        });
    }

    public static string GitHubClassicToken(int seed = 1, string prefix = "ghp_")
    {
        var body = Random(30, seed);
        Span<char> check = stackalloc char[6];
        Checksums.ToBase62(Checksums.Crc32(body), check);
        return prefix + body + new string(check);
    }

    public static string SegmentToken(int seed = 2) => "sgp_" + Random(64, seed);

    public static string AwsAccessKeyId(int seed = 3) => "AKIA" + Random(16, seed, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    public static string AwsSecretKey(int seed = 4) => Random(40, seed, Alnum + "+/");
}
