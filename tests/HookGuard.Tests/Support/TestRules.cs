using HookGuard.Rules;

namespace HookGuard.Tests.Support;

internal static class TestRules
{
    public static Rule Make(string id, string keyword, string pattern, double entropy = 3.0, bool generic = false,
        ChecksumKind checksum = ChecksumKind.None, bool custom = false, string[]? moreKeywords = null) => new()
    {
        Id = id,
        Name = id,
        Provider = "Test",
        Severity = Severity.High,
        Keywords = [keyword, .. moreKeywords ?? []],
        Pattern = pattern,
        MinEntropy = entropy,
        Generic = generic,
        Checksum = checksum,
        Custom = custom,
        Remediation = new Remediation("grants test access", ["rotate it"], "https://example.invalid/revoke", null, null),
    };
}
