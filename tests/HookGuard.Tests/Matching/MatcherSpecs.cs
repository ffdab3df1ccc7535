using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

public class MatcherSpecs
{
    private static readonly Rule Segment = TestRules.Make("segment", "sgp_", @"\b(sgp_[A-Za-z0-9]{64})\b", 4.0);
    private static readonly Rule Generic = TestRules.Make("generic", "token", @"(?i)token\s*=\s*""(?<secret>[^""]{8,})""", 3.0, generic: true);

    [Test]
    public void A_line_without_any_keyword_finds_nothing()
    {
        var results = new List<SecretMatch>();
        Assert.That(new Matcher([Segment]).Scan("int main(void) { return 0; }", results), Is.Zero);
    }

    [Test]
    public void A_secret_is_found_with_its_column_and_value()
    {
        var secret = FakeSecrets.SegmentToken();
        var results = new List<SecretMatch>();
        new Matcher([Segment]).Scan($"SEGMENT = \"{secret}\"", results);
        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(results[0].Start, Is.EqualTo(11));
        Assert.That(results[0].Secret, Is.EqualTo(secret));
    }

    [Test]
    public void Keywords_match_whatever_their_case()
    {
        var results = new List<SecretMatch>();
        var rule = TestRules.Make("upper", "abc_", @"(ABC_[A-Za-z0-9]{20})");
        new Matcher([rule]).Scan("x=ABC_" + FakeSecrets.Random(20, 5), results);
        Assert.That(results, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_low_entropy_value_of_the_right_shape_is_not_a_secret()
    {
        var results = new List<SecretMatch>();
        new Matcher([Segment]).Scan("sgp_" + new string('a', 32) + new string('b', 32), results);
        Assert.That(results, Is.Empty);
    }

    [TestCase("sgp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [TestCase("sgp_YOURKEYexample1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR")]
    public void A_placeholder_of_the_right_shape_is_not_a_secret(string line)
    {
        var results = new List<SecretMatch>();
        new Matcher([Segment]).Scan(line, results);
        Assert.That(results, Is.Empty);
    }

    [Test]
    public void A_provider_rule_wins_over_a_generic_rule_on_the_same_value()
    {
        var secret = FakeSecrets.SegmentToken();
        var results = new List<SecretMatch>();
        new Matcher(RuleSet.Ordered([Generic, Segment])).Scan($"token = \"{secret}\"", results);
        Assert.That(results.Select(r => r.Rule.Id), Is.EqualTo(new[] { "segment" }));
    }

    [Test]
    public void A_generic_rule_is_reported_when_no_provider_rule_matches()
    {
        var results = new List<SecretMatch>();
        new Matcher(RuleSet.Ordered([Generic, Segment])).Scan("token = \"Qm8pZr2LxW4vTn7s\"", results);
        Assert.That(results.Select(r => r.Rule.Id), Is.EqualTo(new[] { "generic" }));
    }

    [Test]
    public void Checksummed_tokens_must_carry_a_valid_checksum()
    {
        var rule = TestRules.Make("gh", "ghp_", @"\b(ghp_[A-Za-z0-9]{36})\b", 3.0, checksum: ChecksumKind.Crc32Base62);
        var valid = FakeSecrets.GitHubClassicToken();
        var broken = valid[..^1] + (valid[^1] == 'A' ? 'B' : 'A');
        var results = new List<SecretMatch>();
        var matcher = new Matcher([rule]);
        Assert.That(matcher.Scan(valid, results), Is.EqualTo(1));
        Assert.That(matcher.Scan(broken, results), Is.Zero);
    }

    [Test]
    public void A_clean_line_allocates_nothing()
    {
        var matcher = new Matcher(RuleSet.BuiltIn);
        var results = new List<SecretMatch>();
        // UTF-8 bytes, as lines come from git: the char overload (rule examples) encodes, and allocates.
        var line = "    for (var index = 0; index < items.Count; index++) total += items[index].Price * rate;"u8.ToArray();
        // Warm up lazily built state, and let the JIT finish tiering (its rejits can allocate on this thread).
        for (var i = 0; i < 200; i++) matcher.Scan(line, results);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) matcher.Scan(line, results);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void A_hostile_custom_pattern_on_a_long_line_finishes_quickly()
    {
        var evil = TestRules.Make("evil", "aaaa", "(a+)+$", 0, custom: true);
        var line = new string('a', 100_000) + "!";
        var results = new List<SecretMatch>();
        var task = Task.Run(() => new Matcher([evil]).Scan(line, results));
        Assert.That(task.Wait(TimeSpan.FromSeconds(10)), Is.True, "linear-time engine");
    }

    [Test]
    public void A_built_in_pattern_that_runs_too_long_is_cut_off_and_counted_not_hung()
    {
        var evil = TestRules.Make("evil-built-in", "aaaa", "^(a+)+$", 0);
        var matcher = new Matcher([evil]);
        matcher.Scan(new string('a', 5_000) + "!", []);
        Assert.That(matcher.TimedOut, Is.EqualTo(1));
    }

    [Test]
    public void A_built_in_pattern_that_hits_its_time_bound_still_finds_the_secret_on_that_line()
    {
        // The first branch backtracks exponentially at the line's start; a loaded machine can make any pattern slow.
        var slow = TestRules.Make("slow-built-in", "sk_", @"^(a+)+$|(?<secret>sk_[0-9]{8})", 0);
        var matcher = new Matcher([slow]);
        var results = new List<SecretMatch>();
        matcher.Scan(new string('a', 3_000) + "! sk_31415926", results);
        Assert.That(matcher.TimedOut, Is.GreaterThanOrEqualTo(1));
        Assert.That(results.Select(r => r.Secret), Is.EqualTo(new[] { "sk_31415926" }));
    }

    [Test]
    public void On_a_very_long_line_a_secret_far_from_the_start_is_found_at_its_column()
    {
        var secret = FakeSecrets.SegmentToken();
        var line = new string('x', 200_000) + " token=\"" + secret + "\" " + new string('y', 200_000);
        var results = new List<SecretMatch>();
        new Matcher([Segment]).Scan(line, results);
        Assert.That(results.Select(r => (r.Start, r.Secret)), Is.EqualTo(new[] { (200_008, secret) }));
    }

    [Test]
    public void On_a_very_long_line_a_keyword_hit_before_another_keywords_hit_is_still_scanned()
    {
        // Regression: windows were merged per keyword, so an earlier hit of the second keyword was skipped.
        var rule = TestRules.Make("two-keywords", "late_", @"\b(?:late|early)_([A-Za-z0-9]{20})\b", moreKeywords: ["early_"]);
        var secret = FakeSecrets.Random(20, 77);
        var line = new string('x', 20_000) + " early_" + secret + " " + new string('y', 80_000) + " late_";
        var results = new List<SecretMatch>();
        new Matcher([rule]).Scan(line, results);
        Assert.That(results.Select(r => r.Secret), Is.EqualTo(new[] { secret }));
    }

    [TestCase(4_000)]
    [TestCase(6_000)]
    [TestCase(50_000)]
    public void Columns_count_characters_not_bytes_whether_or_not_the_line_is_scanned_in_windows(int length)
    {
        // Two-byte and three-byte characters before the secret: a window's offset must be converted back to chars.
        var secret = FakeSecrets.SegmentToken();
        var prefix = string.Concat(Enumerable.Repeat("é€ ", length / 3));
        var results = new List<SecretMatch>();
        new Matcher([Segment]).Scan(prefix + "token=\"" + secret + "\" " + prefix, results);
        Assert.That(results.Select(r => (r.Start, r.Secret)), Is.EqualTo(new[] { (prefix.Length + 7, secret) }));
    }

    [Test]
    public void On_a_minified_length_line_generic_rules_run_in_windows_and_provider_rules_still_find_keys()
    {
        var github = FakeSecrets.GitHubClassicToken(5);
        var filler = new string('a', 5000);
        var line = filler + " var db_password=\"Qm8pZr2LxW4vTn7sK2dR\", gh=\"" + github + "\"; " + filler;
        var results = new List<SecretMatch>();
        new Matcher(RuleSet.BuiltIn).Scan(line, results);
        Assert.That(results.Select(r => r.Secret), Is.EqualTo(new[] { "Qm8pZr2LxW4vTn7sK2dR", github }));
        Assert.That(results[0].Start, Is.EqualTo(line.IndexOf("Qm8pZr2LxW4vTn7sK2dR", StringComparison.Ordinal)));
        new Matcher(RuleSet.BuiltIn).Scan("var db_password=\"Qm8pZr2LxW4vTn7sK2dR\";", results);
        Assert.That(results.Select(r => r.Rule.Id), Is.EqualTo(new[] { "generic-secret-assignment" }), "the same assignment on an ordinary line");
    }

    [Test]
    public void On_a_long_line_each_rule_is_run_around_its_own_keywords_and_findings_come_in_column_order()
    {
        // A frequent keyword of one rule (`://`) must not hide, shift or reorder the other rules' findings,
        // and a window far along the line still reports char columns after multi-byte characters.
        var github = FakeSecrets.GitHubClassicToken(9);
        var segment = FakeSecrets.SegmentToken();
        var urls = string.Concat(Enumerable.Repeat("see https://example.org/é€ and ", 2_000));
        // `ghp_` also early on: the token's window is the rule's second, its column counted on from the first.
        var line = "segment=\"" + segment + "\" " + string.Concat(Enumerable.Repeat("é€ ", 200)) + "ghp_ " + urls + "gh=\"" + github + "\" " + urls;
        var results = new List<SecretMatch>();
        new Matcher(RuleSet.BuiltIn).Scan(line, results);
        Assert.That(results.Select(r => (r.Start, r.Secret)), Is.EqualTo(new[]
        {
            (line.IndexOf(segment, StringComparison.Ordinal), segment),
            (line.IndexOf(github, StringComparison.Ordinal), github),
        }));
    }

    [Test]
    public void A_long_line_dense_with_secrets_reports_each_once_at_its_column()
    {
        // Hits every ~55 bytes over 220 KB: windows are cut into bounded pieces that overlap, and a
        // secret in an overlap must still be reported once.
        var tokens = Enumerable.Range(0, 4_000).Select(seed => FakeSecrets.GitHubClassicToken(seed)).ToArray();
        var line = string.Concat(tokens.Select(token => "t=\"" + token + "\" ü€ ; "));
        var results = new List<SecretMatch>();
        new Matcher(RuleSet.BuiltIn).Scan(line, results);
        Assert.That(results.Select(r => (r.Start, r.Secret)), Is.EqualTo(tokens.Select(t => (line.IndexOf(t, StringComparison.Ordinal), t))));
    }
}
