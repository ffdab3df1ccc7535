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
