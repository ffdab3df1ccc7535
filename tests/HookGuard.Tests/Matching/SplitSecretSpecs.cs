using System.Text;
using HookGuard.Findings;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

/// <summary>
/// Secrets no single line shows: a PEM private key written as string literals over lines, and the
/// base64 values of a Kubernetes Secret's data under keys that name no secret.
/// </summary>
public class SplitSecretSpecs
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly string Body = "MIIEow" + FakeSecrets.Random(58, 7, Alphabet) + FakeSecrets.Random(64, 8, Alphabet) + FakeSecrets.Random(40, 9, Alphabet);

    private static List<Finding> Scan(string path, IEnumerable<string> lines, bool added = true)
    {
        using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null);
        scanner.BeginFile(path);
        var n = 0;
        foreach (var line in lines) scanner.Line(++n, Encoding.UTF8.GetBytes(line), added);
        return scanner.Finish();
    }

    private static string[] Chunks => [Body[..64], Body[64..128], Body[128..]];

    private static string PemFileMaterial() =>
        Scan("id_rsa", ["-----BEGIN RSA PRIVATE KEY-----", .. Chunks, "-----END RSA PRIVATE KEY-----"]).Single().KeyMaterial!;

    public static readonly object[] SplitKeys =
    [
        new object[] { "src/keys.js", new[] { "const key =", "  \"-----BEGIN RSA PRIVATE KEY-----\\n\" +" }, new[] { "  \"{0}\\n\" +" }, "  \"-----END RSA PRIVATE KEY-----\\n\";" },
        new object[] { "config/key.json", new[] { "\"key\": [", "  \"-----BEGIN RSA PRIVATE KEY-----\"," }, new[] { "  \"{0}\"," }, "  \"-----END RSA PRIVATE KEY-----\"" },
        new object[] { "src/Keys.java", new[] { "String pem =", "    \"-----BEGIN RSA PRIVATE KEY-----\\r\\n\" +" }, new[] { "    \"{0}\\r\\n\" +" }, "    \"-----END RSA PRIVATE KEY-----\";" },
        new object[] { "keys.php", new[] { "$pem = '-----BEGIN RSA PRIVATE KEY-----\\n' ." }, new[] { "  '{0}\\n' ." }, "  '-----END RSA PRIVATE KEY-----';" },
    ];

    [TestCaseSource(nameof(SplitKeys))]
    public void A_key_split_over_string_literals_is_found_once_at_its_header_with_the_bodys_fingerprint(string path, string[] head, string[] bodyFormat, string end)
    {
        var lines = head.Concat(Chunks.Select(c => string.Format(bodyFormat[0], c))).Append(end).Append("doSomething();").ToList();
        var found = Scan(path, lines);
        Assert.That(found, Has.Count.EqualTo(1), string.Join("\n", found.Select(f => $"{f.Rule.Id} {f.Line}")));
        Assert.That(found[0].Rule.Id, Is.EqualTo("private-key-rsa"));
        Assert.That(found[0].Line, Is.EqualTo(head.Length));
        Assert.That(found[0].KeyMaterial, Is.EqualTo(PemFileMaterial()), "the same key as the PEM file's");
    }

    [Test]
    public void A_key_written_as_one_string_with_newline_escapes_has_the_pem_files_fingerprint()
    {
        var found = Scan("config/key.json", [$"  \"private_key\": \"-----BEGIN RSA PRIVATE KEY-----\\n{string.Join("\\n", Chunks)}\\n-----END RSA PRIVATE KEY-----\\n\","]);
        Assert.That(found.Single().KeyMaterial, Is.EqualTo(PemFileMaterial()));
    }

    [Test]
    public void A_key_whose_last_line_ends_the_input_is_found()
    {
        var found = Scan("src/keys.js", ["\"-----BEGIN RSA PRIVATE KEY-----\\n\" +", .. Chunks.Select(c => $"\"{c}\\n\" +")]);
        Assert.That(found.Single().KeyMaterial, Is.EqualTo(PemFileMaterial()));
    }

    public static readonly object[] NotKeys =
    [
        new object[] { new[] { "  pem := \"-----BEGIN RSA PRIVATE KEY-----\\n\" + body" } },
        new object[] { new[] { "const header = \"-----BEGIN RSA PRIVATE KEY-----\\n\" +", "  base64(body) +", "  \"\\n-----END RSA PRIVATE KEY-----\";" } },
        new object[] { new[] { "HEADERS = [", "  \"-----BEGIN RSA PRIVATE KEY-----\",", "  \"-----BEGIN EC PRIVATE KEY-----\",", "]" } },
        new object[] { new[] { "\"-----BEGIN RSA PRIVATE KEY-----\\n\" +", "\"MIIEowIBAAKCAQEA\\n\" +", "\"...\\n\" +" } },
    ];

    [TestCaseSource(nameof(NotKeys))]
    public void A_header_string_without_a_body_of_literals_is_not_a_key(string[] lines) =>
        Assert.That(Scan("src/pem.js", lines).Select(f => f.Rule.Id), Is.Empty);

    [Test]
    public void A_split_key_on_context_lines_is_not_reported()
    {
        var lines = new[] { "\"-----BEGIN RSA PRIVATE KEY-----\\n\" +" }.Concat(Chunks.Select(c => $"\"{c}\\n\" +")).ToList();
        Assert.That(Scan("src/keys.js", lines, added: false), Is.Empty);
    }

    private const string Token = "tG7kQ2vLm9XcN4pW8rZs3Bd6";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Test]
    public void A_Secrets_data_value_under_a_key_without_a_keyword_is_decoded_and_found()
    {
        var found = Scan("k8s/api.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: api", "type: Opaque", "data:", $"  api: {B64(Token)}", $"  user: {B64("orders-service")}"]);
        var finding = found.Single();
        Assert.That(finding.Line, Is.EqualTo(7));
        Assert.That(finding.Secret, Is.EqualTo(B64(Token)), "points at the value as written");
        Assert.That(finding.Why, Does.Contain("Kubernetes Secret"));
    }

    [Test]
    public void Kind_may_come_after_data_as_kubectl_writes_it()
    {
        var found = Scan("k8s/api.yaml", ["apiVersion: v1", "data:", $"  api: \"{B64(Token)}\"", "kind: Secret", "metadata:", "  name: api"]);
        Assert.That(found.Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void A_value_past_the_pending_bound_before_kind_is_still_judged()
    {
        var lines = new List<string> { "apiVersion: v1", "data:" };
        lines.AddRange(Enumerable.Range(0, 300).Select(i => $"  user{i}: {B64("orders-service")}"));
        lines.Add($"  api: {B64(Token)}");
        lines.Add("kind: Secret");
        Assert.That(Scan("k8s/big.yaml", lines).Single().Line, Is.EqualTo(303));
    }

    [TestCase("\"")]
    [TestCase("'")]
    [TestCase("\"'")]
    public void A_value_holding_quotes_is_judged(string quotes)
    {
        var value = Token[..12] + quotes + Token[12..];
        Assert.That(Scan("deploy/secret.yml", ["kind: Secret", "data:", $"  api: {B64(value)}"]).Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void StringData_values_are_judged_as_written()
    {
        var found = Scan("deploy/secret.yml", ["kind: Secret", "stringData:", $"  api: {Token}"]);
        Assert.That(found.Single().Line, Is.EqualTo(3));
    }

    public static readonly object[] NotSecretData =
    [
        // A ConfigMap's data is not secret; a Secret's values that decode to names or placeholders are not credentials.
        new object[] { "k8s/config.yaml", new[] { "kind: ConfigMap", "data:", $"  api: {B64(Token)}" } },
        new object[] { "k8s/secret.yaml", new[] { "kind: Secret", "data:", $"  user: {B64("orders-service")}", $"  password: {B64("changeme")}", $"  host: {B64("db.internal")}" } },
        new object[] { "k8s/two.yaml", new[] { "kind: Secret", "data:", "  a: b", "---", "kind: Deployment", "data:", $"  api: {B64(Token)}" } },
        new object[] { "k8s/secret.json", new[] { "kind: Secret", "data:", $"  api: {B64(Token)}" } },
        new object[] { "k8s/secret.yaml", new[] { "kind: Secret", "metadata:", $"  api: {B64(Token)}" } },
    ];

    [TestCaseSource(nameof(NotSecretData))]
    public void Other_data_is_not_judged(string path, string[] lines) =>
        Assert.That(Scan(path, lines).Select(f => $"{f.Rule.Id} {f.Line} {f.Secret}"), Is.Empty);

    [TestCase("src/app.cs")]
    [TestCase("k8s/secret.yaml")]
    public void A_clean_line_allocates_nothing_on_the_hook_path_in_code_and_in_a_Secrets_data(string path)
    {
        using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null);
        scanner.BeginFile(path);
        scanner.Line(1, "kind: Secret"u8, added: true);
        scanner.Line(2, "data:"u8, added: true);
        var line = "    for (var index = 0; index < items.Count; index++) total += items[index].Price * rate;"u8.ToArray();
        for (var i = 0; i < 200; i++) scanner.Line(3 + i, line, added: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) scanner.Line(203 + i, line, added: true);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
