using System.Diagnostics;
using System.Text;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

/// <summary>Secrets written encoded (base64, %XX) and generic secrets on lines over 4 KB.</summary>
public class EncodedAndLongLineSpecs
{
    [Test]
    public void A_kubernetes_secret_value_is_decoded_and_the_finding_points_at_the_encoded_value()
    {
        var token = FakeSecrets.GitHubClassicToken(7);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        var line = $"  token: {encoded}";
        var found = Scan("deploy/k8s/secret.yaml", line);
        var github = found.Single(f => f.Rule.Id == "github-personal-access-token");
        Assert.That(github.Start, Is.EqualTo(line.IndexOf(encoded, StringComparison.Ordinal)));
        Assert.That(github.Secret, Is.EqualTo(encoded));
        Assert.That(github.Why, Does.StartWith("base64 value that decodes to a"));
        Assert.That(found.Count(f => f.Start == github.Start), Is.EqualTo(1), "one finding for the value, the precise one");
    }

    [Test]
    public void A_percent_encoded_token_in_a_url_is_decoded()
    {
        var token = FakeSecrets.GitHubClassicToken(8);
        var escaped = token.Replace("_", "%5F", StringComparison.Ordinal);
        var line = $"curl \"https://hooks.internal/notify?token={escaped}&x=1\"";
        var found = Scan("scripts/notify.sh", line);
        var github = found.Single(f => f.Rule.Id == "github-personal-access-token");
        Assert.That(github.Secret, Is.EqualTo(escaped));
        Assert.That(github.Start, Is.EqualTo(line.IndexOf(escaped, StringComparison.Ordinal)));
    }

    [Test]
    public void The_probed_base64_run_test_answers_as_a_scan_of_every_character()
    {
        // Short runs around the probed positions are where a skipping search goes wrong.
        const string alphabet = "aZ09+/=-_ .\"':;,(){}%\u00e9";
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            var baseRun = random.Next(2) == 0 ? 0.9 : 0.6;
            for (var i = 0; i < chars.Length; i++)
                chars[i] = random.NextDouble() < baseRun ? alphabet[random.Next(9)] : alphabet[9 + random.Next(alphabet.Length - 9)];
            var text = new string(chars);
            Assert.That(EncodedValues.HasBase64Run(text), Is.EqualTo(LongestBase64Run(text) >= 16), text);
        }
    }

    [Test]
    public void The_probe_and_the_run_search_agree_on_every_character()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
            if (EncodedValues.IsBase64(c) != EncodedValues.Base64Chars.Contains(c)) Assert.Fail($"U+{(int)c:X4}");
    }

    private static int LongestBase64Run(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiLetterOrDigit(c) || "+/=-_".Contains(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    [Test]
    public void Base64_of_ordinary_text_finds_nothing() =>
        Assert.That(Scan("deploy/k8s/config.yaml", "  token_hint: " + Convert.ToBase64String(Encoding.UTF8.GetBytes("see the team wiki for this"))), Is.Empty);

    [Test]
    public void A_generic_secret_on_a_line_over_4_KB_is_found()
    {
        var padding = string.Concat(Enumerable.Range(0, 300).Select(i => $"\"k{i}\":{i},"));
        var line = "{" + padding + "\"smtp_password\":\"Tr0ub4dor3-Xq9!\"," + padding + "\"end\":1}";
        Assert.That(line.Length, Is.GreaterThan(4096 + 256));
        var found = Scan("public/config.min.json", line);
        Assert.That(found.Select(f => f.Secret), Does.Contain("Tr0ub4dor3-Xq9!"));
        Assert.That(found.Single(f => f.Secret == "Tr0ub4dor3-Xq9!").Start, Is.EqualTo(line.IndexOf("Tr0ub4dor3-Xq9!", StringComparison.Ordinal)));
    }

    [Test]
    public void A_long_line_dense_with_keywords_costs_a_bounded_time()
    {
        // The generic rules alone: on a line of 80,000 candidates they judge a bounded number of windows and findings.
        var line = string.Concat(Enumerable.Repeat("a.token=b.token||c.password;", 40_000));
        var matcher = new Matcher([.. RuleSet.BuiltIn.Where(r => r.Generic)]);
        var results = new List<SecretMatch>();
        var clock = Stopwatch.StartNew();
        matcher.EnterFile("dist/bundle.min.js");
        matcher.Scan(line, results);
        Assert.That(matcher.PartlyJudged, Does.Contain("only the first 64 keyword windows"), "a line cut short says so");
        // A hang guard, not a speed claim: unbounded, this took about two minutes.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Every_generic_secret_on_a_line_is_reported_however_many_there_are()
    {
        // Reviewed allow comments bind to one secret each: a cap on findings per line would let the
        // secrets past it through once the reported ones are allowed.
        var values = Enumerable.Range(0, 40).Select(i => $"Tr0ub4dor{i:D2}-Xq9!vL{(char)('a' + i % 26)}").ToList();
        var line = "{" + string.Join(",", values.Select((v, i) => $"\"db{i}_password\":\"{v}\"")) + "}";
        Assert.That(line.Length, Is.LessThan(4096), "judged whole, not in windows");
        var found = Scan("config/databases.json", line);
        Assert.That(found.Select(f => f.Secret), Is.SupersetOf(values));
    }

    [Test]
    public void A_long_line_with_keywords_in_few_windows_is_judged_whole()
    {
        var matcher = new Matcher(RuleSet.BuiltIn);
        var results = new List<SecretMatch>();
        var padding = new string('x', 20_000);
        matcher.EnterFile("public/config.min.json");
        matcher.Scan(padding + "\"smtp_password\":\"Tr0ub4dor3-Xq9!\"" + padding, results);
        Assert.That(matcher.PartlyJudged, Is.Null);
        Assert.That(results.Select(r => r.Secret), Does.Contain("Tr0ub4dor3-Xq9!"));
    }

    private static List<SecretMatch> Scan(string path, string line)
    {
        var matcher = new Matcher(RuleSet.BuiltIn);
        var results = new List<SecretMatch>();
        matcher.EnterFile(path);
        matcher.Scan(line, results);
        return [.. results];
    }
}
