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
        new object[] { "src/client.py", "headers[\"Authorization\"] = \"Basic dXNlcjpLNHJoODNnWkFzOHBtcHNtWVU0Yg==\"", "http-authorization-header" },
        new object[] { "scripts/restore.sh", "mysql -u root -pQz8vLw2Rt orders < dump.sql", "generic-cli-password" },
        new object[] { "scripts/login.sh", "vault login --password Hs8vQ2mTz4", "generic-cli-password" },
        new object[] { "web.config", "    <add key=\"Payments.ApiKey\" value=\"q7Rm2VwXz9LkP4tN8sBdX3cV5bN7mK9j\" />", "generic-secret-xml" },
        new object[] { "conf/odbc.ini", "Driver={ODBC Driver 18 for SQL Server};Server=db1;Uid=report;Pwd=Xq7vLr2mWz;", "generic-connection-string" },
        new object[] { "src/main/resources/application.properties", "spring.datasource.password=ywraHrwnkdguAT7", "generic-secret-config-value" },
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
