using System.Text;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Sources;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

/// <summary>A PEM header's finding reads its key body from the lines after it, on one thread or many.</summary>
public class PrivateKeyBodySpecs
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static string Body(int commit) =>
        string.Concat(Enumerable.Range(0, 5).Select(line => FakeSecrets.Random(64, commit * 10 + line, Alphabet)));

    /// <summary>Commits that each add one key: dense enough that the 1 MB batches of the threaded matcher end inside keys.</summary>
    private static byte[] KeyHistory(int commits)
    {
        var text = new StringBuilder();
        for (var c = 0; c < commits; c++)
        {
            text.Append(PatchReader.CommitMarker).Append($"{c:x40}\u001fDev <dev@x>\u001fcommit {c}\n\n");
            text.Append($"diff --git a/k{c}.pem b/k{c}.pem\n--- /dev/null\n+++ b/k{c}.pem\n@@ -0,0 +1,7 @@\n");
            text.Append("+-----BEGIN EC PRIVATE KEY-----\n");
            var body = Body(c);
            for (var l = 0; l < 5; l++) text.Append('+').Append(body, l * 64, 64).Append('\n');
            text.Append("+-----END EC PRIVATE KEY-----\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<(string Path, string? Material)> Scan(byte[] patch, int threads)
    {
        using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null, threads);
        new PatchReader(scanner).Read(new MemoryStream(patch));
        return scanner.Finish().Where(f => f.Rule.Id == "private-key-ec").Select(f => (f.Path, f.KeyMaterial)).ToList();
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Every_key_is_fingerprinted_by_its_whole_body(int threads)
    {
        const int commits = 6000; // ~3 MB: a few batch boundaries, each almost surely inside a key
        var findings = Scan(KeyHistory(commits), threads);
        Assert.That(findings, Has.Count.EqualTo(commits));
        for (var c = 0; c < commits; c++)
            Assert.That(findings[c], Is.EqualTo(($"k{c}.pem", (string?)("pem-body\n" + Body(c)))), $"commit {c}");
    }

    [Test]
    public void A_key_on_one_line_takes_its_body_from_that_line_and_a_bare_header_its_place()
    {
        using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null);
        scanner.BeginFile("a.json");
        var body = Body(1);
        scanner.Line(1, Encoding.UTF8.GetBytes($"{{\"private_key\": \"-----BEGIN EC PRIVATE KEY-----\\n{body[..64]}\\n{body[64..128]}\\n-----END EC PRIVATE KEY-----\\n\"}}"), added: true);
        scanner.BeginFile("b.txt");
        scanner.Line(1, "-----BEGIN EC PRIVATE KEY-----"u8, added: true);
        scanner.Line(2, "(elided)"u8, added: true);
        var findings = scanner.Finish().Where(f => f.Rule.Id == "private-key-ec").ToList();
        Assert.That(findings.Select(f => f.KeyMaterial), Is.EqualTo(new[] { "pem-body\n" + body[..128], "header-only\nb.txt\n-----BEGIN EC PRIVATE KEY-----" }));
    }
}
