using HookGuard.Matching;
using HookGuard.Matching.Generic;
using HookGuard.Rules;

namespace HookGuard.Tests.Matching;

/// <summary>Generic rules know a secret only by its name: the value and the file must read like a secret's.</summary>
public class GenericValuesSpecs
{
    [TestCase("3f2b8c1e-9a4d-4e6f-b2c7-5d8e9f0a1b2c")]
    [TestCase("2016-11-28T10:15:00Z")]
    [TestCase("2024-01-31")]
    [TestCase("10:15:00.250")]
    [TestCase("urn:ietf:params:oauth:token-type:jwt")]
    [TestCase("$DB_PASSWORD")]
    [TestCase("123456789")]
    [TestCase("test1234")]
    [TestCase("changeme")]
    public void Identifiers_timestamps_urns_and_stand_ins_are_ruled_out(string value) =>
        Assert.That(GenericVetoes.Reason(value), Is.Not.Null);

    [TestCase("Qm8pZr2LxW4vTn7s")]
    [TestCase("3f2b8c1e9a4d4e6fb2c75d8e9f0a1b2c7d")]
    [TestCase("hunter2-Xq9z")]
    [TestCase("Summer2023!")]
    public void Random_and_made_up_passwords_go_to_the_scorer(string value) => Assert.That(GenericVetoes.Reason(value), Is.Null);

    [TestCase("Qm8pZr2LxW4vTn7s")]
    [TestCase("hunter2-Xq9z")]
    public void Values_that_read_like_secrets_are_found(string value) =>
        Assert.That(GenericFindings("src/settings.py", $"secret = \"{value}\""), Is.Not.Empty);

    [TestCase("getPassword()")]
    [TestCase("process.env.API_KEY")]
    [TestCase("my_password_field")]
    [TestCase("SOME_CONSTANT_NAME")]
    [TestCase("https://vault.internal/v1/secret")]
    public void Code_words_and_references_are_not(string value) =>
        Assert.That(GenericFindings("src/settings.py", $"secret = \"{value}\""), Is.Empty);

    private static List<SecretMatch> GenericFindings(string path, string line)
    {
        var matcher = new Matcher(RuleSet.BuiltIn);
        var results = new List<SecretMatch>();
        matcher.EnterFile(path);
        matcher.Scan(line, results);
        return [.. results.Where(r => r.Rule.Generic)];
    }

    [TestCase("package-lock.json", false)]
    [TestCase("web/yarn.lock", false)]
    [TestCase("src/locales/fr.json", false)]
    [TestCase("i18n/messages.po", false)]
    [TestCase("src/app/settings.json", true)]
    public void Generic_rules_skip_lock_and_localisation_files_and_provider_rules_do_not(string path, bool genericRuns)
    {
        var matcher = new Matcher(RuleSet.BuiltIn);
        var results = new List<SecretMatch>();
        matcher.EnterFile(path);
        matcher.Scan($"\"apiToken\": \"Qm8pZr2LxW4vTn7sK2dR\", \"github\": \"{Support.FakeSecrets.GitHubClassicToken(3)}\"", results);
        Assert.That(results.Any(r => r.Rule.Generic), Is.EqualTo(genericRuns));
        Assert.That(results.Any(r => r.Rule.Id.StartsWith("github", StringComparison.Ordinal)), Is.True);
    }
}
