using HookGuard.Matching;
using HookGuard.Matching.Generic;
using HookGuard.Rules;

namespace HookGuard.Tests.Matching;

/// <summary>
/// The generic rules end to end in the matcher (pattern, vetoes, scorer): each shape with values that
/// must be found and near misses that must not, in the kind of file they are written in.
/// </summary>
public class GenericScorerSpecs
{
    public static readonly object[] Credentials =
    [
        // The issue's "passes today" lines.
        new object[] { "src/Api/appsettings.json", "  \"Default\": \"Server=sql.prod;Database=app;User Id=sa;Password=P@ssw0rd2024!;\"", "generic-connection-string" },
        new object[] { "src/Api/appsettings.json", "  \"Jwt\": { \"Key\": \"my-super-secret-signing-key-that-is-long-enough-123\" }", "generic-secret-assignment" },
        new object[] { "app/db.py", "conn = psycopg2.connect(\"dbname=prod user=admin password=Tr0ub4dor3 host=10.0.0.5\")", "generic-connection-string" },
        new object[] { "src/main/java/Mail.java", "        props.setProperty(\"mail.smtp.password\", \"Summer2023!\");", "generic-secret-assignment" },
        new object[] { "config/mail.yaml", "smtp_password: \"hunter2hunter2\"", "generic-secret-assignment" },
        // Values that merely contain a word the old filter took for code.
        new object[] { "config/settings.yaml", "db_password: \"config.Tr4x9Lw\"", "generic-secret-assignment" },
        new object[] { "src/settings.py", "DB_PASSWORD = \"TrueNorth#4411\"", "generic-secret-assignment" },
        new object[] { "src/settings.py", "ADMIN_PASSWORD = \"nullPo1nt3r!x\"", "generic-secret-assignment" },
        new object[] { "deploy/.env", "API_SECRET=\"n0neOfY0urBus1ness\"", "generic-secret-assignment" },
        // One of each other shape.
        new object[] { "deploy/.env", "DATABASE_PASSWORD=xmXiirMqHhtlbd3", "generic-secret-config-value" },
        new object[] { "deploy/.env", "DATABASE_URL=postgres://app:Ga4ilx0oAuPoqQ@db.internal:5432/orders", "url-embedded-credentials" },
        new object[] { "scripts/call.sh", "curl -H \"Authorization: Bearer tihpJ23VpeZrhcmLpARi4myQ\" https://api.internal/v1", "http-authorization-header" },
        new object[] { "scripts/restore.sh", "mysql -u root -pQz8vLw2Rt orders < dump.sql", "generic-cli-password" },
        new object[] { "scripts/login.sh", "vault login --password Hs8vQ2mTz4", "generic-cli-password" },
        new object[] { "web.config", "    <add key=\"Payments.ApiKey\" value=\"q7Rm2VwXz9LkP4tN8sBdX3cV5bN7mK9j\" />", "generic-secret-xml" },
        new object[] { "conf/odbc.ini", "Driver={ODBC Driver 18 for SQL Server};Server=db1;Uid=report;Pwd=Xq7vLr2mWz;", "generic-connection-string" },
        new object[] { "src/main/resources/application.properties", "spring.datasource.password=ywraHrwnkdguAT7", "generic-secret-config-value" },
        // Near the documentation vetoes: a template is filled in, a capital run of other letters is a key's, a token in a URL that is no badge.
        new object[] { "deploy/.env.example", "DATABASE_PASSWORD=xmXiirMqHhtlbd3", "generic-secret-config-value" },
        new object[] { "config/app.json", "  \"clientSecret\": \"QZRTWPLMKXeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0\",", "generic-secret-assignment" },
        new object[] { "scripts/export.sh", "EXPORT_URL=\"https://api.internal/v1/export.csv?token=Qx7vLr2mWz8TpK4nB6dH\"", "generic-secret-config-value" },
    ];

    public static readonly object[] NearMisses =
    [
        new object[] { "src/settings.py", "password = \"${DB_PASSWORD}\"" },
        new object[] { "src/settings.py", "api_key = os.environ[\"API_KEY\"]" },
        new object[] { "src/settings.py", "password = get_password()" },
        new object[] { "src/settings.py", "password = \"changeme\"" },
        new object[] { "src/settings.py", "token_type = \"bearer\"" },
        new object[] { "src/app.js", "const authorName = \"Jane Doe\";" },
        new object[] { "src/app.js", "this.password = password;" },
        new object[] { "src/app.js", "const token = req.headers.authorization;" },
        new object[] { "src/Api/appsettings.json", "  \"Default\": \"Server=sql.prod;Database=app;Trusted_Connection=True;\"" },
        new object[] { "src/Api/appsettings.json", "  \"Default\": \"Server=sql.prod;Database=app;User Id=sa;Password=${DB_PASSWORD};\"" },
        new object[] { "deploy/.env", "DATABASE_URL=postgres://postgres:postgres@localhost/dev" },
        new object[] { "docs/api.md", "Authorization: Bearer <token>" },
        new object[] { "scripts/restore.sh", "mysql -u root -p\"$MYSQL_PWD\" orders" },
        new object[] { "scripts/login.sh", "vault login --password-file /run/secrets/db" },
        new object[] { "web.config", "  <add key=\"TokenLifetime\" value=\"00:30:00\" />" },
        new object[] { "config/app.yaml", "secret_name: payment-service-prod" },
        new object[] { "config/app.yaml", "password: somePASSWORD" },
        new object[] { "src/errors.cs", "    STATUS_WRONG_PASSWORD = 3221225578," },
        new object[] { "checksums.json", "  \"lib/puppet/type/apt_key.rb\": \"e638201e7e299a5061c39e1045396887\"," },
        new object[] { "k8s/secret.yaml", "  password: bXlwYXNz" },
        // Documentation's example values (the npm corpus's aws-sdk apis/*.examples.json, webpack's README).
        new object[] { "apis/iam-2010-05-08.examples.json", "          \"NewPassword\": \"]35d/{pB9Fo9wJ\"," },
        new object[] { "apis/kms-2014-11-01.examples.json", "            \"RawSecretAccessKey\": \"DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=\"" },
        new object[] { "docs/samples.md", "    password: \"Xq7vLr2mWz#41\"" },
        new object[] { "apis/sso-oidc.json", "          \"clientSecret\": \"VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0\"," },
        new object[] { "apis/sso-oidc.json", "          \"refreshToken\": \"aorvJYubGpU6i91YnH7Mfo-AT2fIVa1zCfA_Rvq9yjVKIP3onFmmykuQ7E93EXAMPLEREFRESHTOKEN\"," },
        new object[] { "README.md", "[cover]: https://codecov.io/gh/webpack/webpack/branch/master/graph/badge.svg?token=mDP3mQJNnn" },
        new object[] { "README.md", "[![Coverage](https://sonarcloud.io/api/project_badges/measure?project=app&metric=coverage&token=Qx7vLr2mWz8TpK4n)](https://sonarcloud.io)" },
        // Values that name a password, or stand in for one; numbers.
        new object[] { "config/app.yaml", "keystore_password: ca-keystore-password" },
        new object[] { "tests/test_db.py", "    'PGPASSWORD': 'passw2'," },
        new object[] { "config/app.py", "READONLY_PASS = \"readonly_account_password\"" },
        new object[] { "docs/bench.md", "secret_ratio: 0.047908797369389244" },
        new object[] { "config/app.yaml", "api_secret: \"base64-something-random\"" },
        new object[] { "lib/options.js", "            heading: \"Basic configuration\"" },
        new object[] { "lib/zh-cn/diagnosticMessages.generated.json", "    \"Running_extra_resolution_pass_for_module_1_6140\": \"为使用缓存位置“{2}”的模块“{1}”运行额外解析传递。\"," },
        new object[] { "src/errors.py", "    PASSWORD_ERROR = \"password rejected for user %s\"" },
    ];

    [TestCaseSource(nameof(Credentials))]
    public void Credentials_are_found_with_a_reason(string path, string line, string rule)
    {
        var found = Scan(path, line);
        Assert.That(found.Select(f => f.Rule.Id), Does.Contain(rule), $"scores: {string.Join(", ", found.Select(f => f.Score))}");
        var finding = found.First(f => f.Rule.Id == rule);
        Assert.That(finding.Why, Does.Contain("character").And.Contain("score"));
        Assert.That(finding.Why, Does.Not.Contain(finding.Secret), "the reason never repeats the secret");
    }

    [TestCaseSource(nameof(NearMisses))]
    public void Near_misses_are_not(string path, string line) =>
        Assert.That(Scan(path, line).Where(f => f.Rule.Generic).Select(f => $"{f.Rule.Id} {f.Secret} {f.Score}"), Is.Empty);

    [Test]
    public void A_higher_threshold_reports_less()
    {
        const string line = "DB_PASSWORD = \"TrueNorth#4411\"";
        var score = Scan("src/settings.py", line).Single(f => f.Rule.Generic).Score;
        Assert.That(Scan("src/settings.py", line, new GenericScoring(Math.Min(1, score + 0.001))).Where(f => f.Rule.Generic), Is.Empty);
    }

    [Test]
    public void The_scorer_reads_features_of_the_value_and_its_context()
    {
        Span<float> x = stackalloc float[GenericFeatures.Count];
        GenericFeatures.Compute(x, 0, "Summer2023!", "smtp_password", "smtp_password = \"Summer2023!\"", 17, "tests/fixtures/mail.py");
        Assert.That(x[Array.IndexOf(GenericFeatures.Names, "name: password")], Is.EqualTo(1));
        Assert.That(x[Array.IndexOf(GenericFeatures.Names, "character classes")], Is.EqualTo(4));
        Assert.That(x[Array.IndexOf(GenericFeatures.Names, "file: test")], Is.EqualTo(1));
        Assert.That(x[Array.IndexOf(GenericFeatures.Names, "quoted")], Is.EqualTo(1));
        Assert.That(x[Array.IndexOf(GenericFeatures.Names, "shape: assignment")], Is.EqualTo(1));
    }

    private static List<SecretMatch> Scan(string path, string line, GenericScoring? scoring = null)
    {
        var matcher = new Matcher(RuleSet.BuiltIn, scoring);
        var results = new List<SecretMatch>();
        matcher.EnterFile(path);
        matcher.Scan(line, results);
        return [.. results];
    }
}
