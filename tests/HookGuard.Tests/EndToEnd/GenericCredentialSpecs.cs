using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// Credentials with no vendor prefix, committed through the installed hook: each of the issue's
/// "passes today" examples is blocked, says why, and never prints the value.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class GenericCredentialSpecs
{
    public static readonly object[] Examples =
    [
        new object[] { "src/Api/appsettings.json", "{\n  \"ConnectionStrings\": {\n    \"Default\": \"Server=sql.prod;Database=app;User Id=sa;Password=P@ssw0rd2024!;\"\n  }\n}\n", "P@ssw0rd2024!" },
        new object[] { "src/Api/appsettings.json", "{\n  \"Jwt\": { \"Key\": \"my-super-secret-signing-key-that-is-long-enough-123\" }\n}\n", "my-super-secret-signing-key-that-is-long-enough-123" },
        new object[] { "app/db.py", "import psycopg2\nconn = psycopg2.connect(\"dbname=prod user=admin password=Tr0ub4dor3 host=10.0.0.5\")\n", "Tr0ub4dor3" },
        new object[] { "src/main/java/Mail.java", "class Mail {\n  void setUp(java.util.Properties props) {\n    props.setProperty(\"mail.smtp.password\", \"Summer2023!\");\n  }\n}\n", "Summer2023!" },
        new object[] { "config/mail.yaml", "smtp_host: mail.internal\nsmtp_password: \"hunter2hunter2\"\n", "hunter2hunter2" },
        new object[] { "config/db.yaml", "db_password: \"nonetheless-Tr4x9\"\n", "nonetheless-Tr4x9" },
        new object[] { "config/db.yaml", "db_password: \"config.Tr4x9Lw\"\n", "config.Tr4x9Lw" },
    ];

    private const string Token = "tG7kQ2vLm9XcN4pW8rZs3Bd6";
    private static readonly string EncodedToken = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Token));

    /// <summary>The Secret of the list: base64 of a token under a key that names no secret.</summary>
    [TestCase("apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\ndata:\n  api: {0}\n")]
    [TestCase("apiVersion: v1\ndata:\n  api: {0}\nkind: Secret\nmetadata:\n  name: api\n")]
    public void A_Kubernetes_Secrets_data_value_is_decoded_and_blocked(string manifest)
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("k8s/api-secret.yaml", string.Format(manifest, EncodedToken));
        var result = repo.Commit("add secret");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("Kubernetes Secret"));
        Assert.That(result.Output, Does.Not.Contain(EncodedToken).And.Not.Contain(Token));
    }

    [Test]
    public void A_private_key_split_over_string_literals_is_blocked_once()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var body = FakeSecrets.Random(64, 31, alphabet) + FakeSecrets.Random(64, 32, alphabet);
        using var repo = TempRepo.WithHooks();
        repo.Write("src/keys.js", "const pem =\n  \"-----BEGIN RSA PRIVATE KEY-----\\n\" +\n" +
            $"  \"MIIEow{body[..58]}\\n\" +\n  \"{body[58..]}\\n\" +\n  \"-----END RSA PRIVATE KEY-----\\n\";\nmodule.exports = pem;\n");
        repo.Stage();
        var json = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(json.ExitCode, Is.EqualTo(1), json.Output);
        Assert.That(json.Output.Split("\"ruleId\": \"private-key-rsa\"").Length - 1, Is.EqualTo(1), json.Output);
        Assert.That(json.Output, Does.Contain("\"line\": 2"));
        var result = repo.Commit("add key");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Not.Contain(body[..20]));
    }

    [TestCaseSource(nameof(Examples))]
    public void A_generic_credential_is_blocked_with_its_reason(string path, string content, string secret)
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(path, content);
        var result = repo.Commit("add configuration");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("why: ").And.Contain("score"));
        Assert.That(result.Output, Does.Not.Contain(secret));
        Assert.That(repo.Run("git", ["rev-parse", "--verify", "HEAD"]).ExitCode, Is.Not.Zero, "nothing was committed");
    }

    [Test]
    public void Verbose_shows_the_features_and_a_threshold_in_the_config_lets_a_low_score_pass()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("config/mail.yaml", "smtp_password: \"hunter2hunter2\"\n");
        repo.Stage();
        var verbose = repo.HookGuard("scan", "--staged", "--verbose");
        Assert.That(verbose.ExitCode, Is.EqualTo(1), verbose.Output);
        Assert.That(verbose.Output, Does.Contain("features: ").And.Contain("name: password"));
        repo.Write(".hookguard.yaml", "generic:\n  threshold: 1.0\n");
        repo.Stage();
        var strict = repo.HookGuard("scan", "--staged");
        Assert.That(strict.ExitCode, Is.Zero, strict.Output);
    }

    [Test]
    public void A_threshold_outside_0_to_1_is_a_configuration_error_naming_the_key()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(".hookguard.yaml", "generic:\n  threshold: 1.5\n");
        repo.Stage();
        var result = repo.HookGuard("scan", "--staged");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Output, Does.Contain("generic.threshold"));
    }
}
