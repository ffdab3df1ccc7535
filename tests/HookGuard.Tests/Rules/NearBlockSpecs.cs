using HookGuard.Config;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Yaml;

namespace HookGuard.Tests.Rules;

/// <summary>The `near:` family: a provider keyword in the name, a value of a stated shape, no hand-written pattern.</summary>
public class NearBlockSpecs
{
    private const string Remediation = """
            remediation:
              summary: 'Grants access.'
              revoke: ['Rotate it at the provider, then revoke the old one.']
              docs: 'https://provider.invalid/keys'
        """;

    private static (IReadOnlyList<Rule> Rules, List<ConfigError> Errors) Load(string near, string extra = "")
    {
        var text = $"""
            provider: Acme
            docs: https://provider.invalid/docs
            rules:
              - id: acme-client-secret
                name: Acme Client Secret
                severity: high
            {near}
            {extra}
            {Remediation}
            """;
        var errors = new List<ConfigError>();
        return (RuleFileLoader.Load("rules/acme.yaml", text, errors), errors);
    }

    private static List<string> Found(Rule rule, string line)
    {
        var results = new List<SecretMatch>();
        new Matcher([rule]).Scan(line.AsSpan(), results);
        return results.Select(r => r.Secret).ToList();
    }

    private const string HexSecret = """
            near:
              keywords: [acmecloud]
              names: [secret]
              alphabet: hex-lower
              length: 32
        """;

    [Test]
    public void A_near_block_writes_the_pattern_and_gives_its_keywords_and_an_entropy_bound()
    {
        var (rules, errors) = Load(HexSecret);
        Assert.That(errors, Is.Empty);
        var rule = rules.Single();
        Assert.Multiple(() =>
        {
            Assert.That(rule.Keywords, Is.EqualTo(new[] { "acmecloud" }));
            Assert.That(rule.MinEntropy, Is.EqualTo(3.0));
            Assert.That(RulePattern.Validate(rule.Pattern), Is.Null, "linear-time engine");
        });
    }

    [TestCase("ACMECLOUD_CLIENT_SECRET=4f0c9e2b7a1d86e35c0b9f7a2e4d1c68")]
    [TestCase("  \"acmeCloudSecret\": \"4f0c9e2b7a1d86e35c0b9f7a2e4d1c68\",")]
    [TestCase("acmecloud.secret_key: '4f0c9e2b7a1d86e35c0b9f7a2e4d1c68'")]
    [TestCase("    <add key=\"AcmeCloudSecret\" value=\"4f0c9e2b7a1d86e35c0b9f7a2e4d1c68\" />")]
    [TestCase("acmecloud_secret := \"4f0c9e2b7a1d86e35c0b9f7a2e4d1c68\"")]
    [TestCase("ENV['ACMECLOUD_SECRET'] = '4f0c9e2b7a1d86e35c0b9f7a2e4d1c68'")]
    public void The_value_assigned_to_a_name_holding_the_keyword_and_the_word_is_found(string line)
    {
        var rule = Load(HexSecret).Rules.Single();
        Assert.That(Found(rule, line), Is.EqualTo(new[] { "4f0c9e2b7a1d86e35c0b9f7a2e4d1c68" }));
    }

    [TestCase("ACMECLOUD_CLIENT_ID=4f0c9e2b7a1d86e35c0b9f7a2e4d1c68", TestName = "a name without the required word")]
    [TestCase("ACMECLOUD_SECRET=4f0c9e2b7a1d86e35c0b9f7a2e4d1c6", TestName = "one character short")]
    [TestCase("ACMECLOUD_SECRET=4f0c9e2b7a1d86e35c0b9f7a2e4d1c68a", TestName = "one character long")]
    [TestCase("ACMECLOUD_SECRET=4f0c9e2b7a1d86e35c0b9f7a2e4d1c68-us6", TestName = "part of a longer token")]
    [TestCase("ACMECLOUD_SECRET=4F0C9E2B7A1D86E35C0B9F7A2E4D1C68", TestName = "upper-case where the alphabet is lower-case")]
    [TestCase("ACMECLOUD_SECRET=${ACMECLOUD_SECRET}", TestName = "a variable reference")]
    [TestCase("ACMECLOUD_SECRET=00000000000000000000000000000000", TestName = "one repeated character")]
    [TestCase("acmecloud secret rotated in commit 4f0c9e2b7a1d86e35c0b9f7a2e4d1c68", TestName = "keyword in prose, no assignment")]
    [TestCase("\"acmecloud-sdk\": \"sha1-4f0c9e2b7a1d86e35c0b9f7a2e4d1c68\"", TestName = "a hash next to the keyword")]
    public void Near_misses_are_not_found(string line)
    {
        var rule = Load(HexSecret).Rules.Single();
        Assert.That(Found(rule, line), Is.Empty);
    }

    [Test]
    public void Without_names_any_name_holding_the_keyword_within_the_distance_counts()
    {
        var (rules, errors) = Load("""
                near:
                  keywords: [acmecloud]
                  distance: 8
                  alphabet: alnum
                  length: 24-28
            """);
        Assert.That(errors, Is.Empty);
        var rule = rules.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Found(rule, "ACMECLOUD_TOKEN=Qm7vR2kPz9LxT4wN8cYb3HdF"), Has.Count.EqualTo(1));
            Assert.That(Found(rule, "ACMECLOUD_TOKEN=Qm7vR2kPz9LxT4wN8cYb3HdFa1s2"), Has.Count.EqualTo(1));
            Assert.That(Found(rule, "ACMECLOUD_SERVICE_ACCOUNT_TOKEN=Qm7vR2kPz9LxT4wN8cYb3HdF"), Is.Empty, "name runs past the distance");
            Assert.That(Found(rule, "ACMECLOUD_TOKEN=Qm7vR2kPz9LxT4wN8cYb3"), Is.Empty, "shorter than the range");
        });
    }

    [Test]
    public void A_uuid_alphabet_and_a_prefix_shape_the_value()
    {
        var uuid = Load("""
                near:
                  keywords: [acmecloud]
                  names: [secret]
                  alphabet: uuid
            """).Rules.Single();
        var prefixed = Load("""
                near:
                  keywords: [acmecloud]
                  alphabet: base64url
                  length: 40
                  prefix: 'ak.'
            """).Rules.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Found(uuid, "ACMECLOUD_SECRET=9b2f4c1e-7d3a-4e8b-a5c6-0f1e2d3c4b5a"), Has.Count.EqualTo(1));
            Assert.That(Found(uuid, "ACMECLOUD_SECRET=9b2f4c1e7d3a4e8ba5c60f1e2d3c4b5a"), Is.Empty);
            Assert.That(Found(prefixed, "acmecloud_key: ak.Vh3_Kq9ZpL2-xR7mWc4TnB8yJd6FsA1gE5uQo0Ht"), Has.Count.EqualTo(1));
            Assert.That(Found(prefixed, "acmecloud_key: akXVh3_Kq9ZpL2-xR7mWc4TnB8yJd6FsA1gE5uQo0Ht"), Is.Empty, "the prefix is literal");
        });
    }

    [TestCase("near: { keywords: [acmecloud], alphabet: hex, length: 32 }\n    pattern: 'acmecloud(x)'", "both 'pattern' and 'near'")]
    [TestCase("near: { keywords: [acmecloud], alphabet: hexadecimal, length: 32 }", "near.alphabet 'hexadecimal'")]
    [TestCase("near: { keywords: [acmecloud], alphabet: '[a-z]{4}', length: 32 }", "near.alphabet '[a-z]{4}'")]
    [TestCase("near: { keywords: [acmecloud], alphabet: hex, length: 40-32 }", "near.length must be")]
    [TestCase("near: { keywords: [acmecloud], alphabet: hex }", "near needs a length")]
    [TestCase("near: { keywords: [box], alphabet: hex, length: 32 }", "shorter than 4 characters")]
    [TestCase("near: { keywords: [acmecloud], alphabet: hex, length: 32, distanse: 4 }", "did you mean 'distance'")]
    [TestCase("near: { alphabet: hex, length: 32 }", "near needs keywords")]
    [TestCase("near: { keywords: [acmeclöud], alphabet: hex, length: 32 }", "near keyword 'acmeclöud' may hold only ASCII")]
    [TestCase("near: { keywords: ['acme cloud'], alphabet: hex, length: 32 }", "near keyword 'acme cloud' may hold only ASCII")]
    [TestCase("near: { keywords: [acmecloud], names: ['sécret'], alphabet: hex, length: 32 }", "near name 'sécret' may hold only ASCII")]
    public void A_bad_near_block_is_reported_where_it_stands(string near, string message)
    {
        var (rules, errors) = Load("    " + near);
        Assert.Multiple(() =>
        {
            Assert.That(rules, Is.Empty);
            Assert.That(errors.Select(e => e.Message), Has.Some.Contains(message));
            Assert.That(errors.All(e => e.Line > 0), Is.True, "each error names its line");
        });
    }
}
