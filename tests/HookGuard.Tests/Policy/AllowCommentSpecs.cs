using HookGuard.Policy;

namespace HookGuard.Tests.Policy;

public class AllowCommentSpecs
{
    [Test]
    public void A_complete_comment_names_rule_reason_and_reviewer()
    {
        Assert.That(AllowComment.TryParse("key = 1  # hookguard:allow aws-access-key reason=\"revoked in 2024\" reviewed-by=alice", out var c), Is.True);
        Assert.That(c.RuleId, Is.EqualTo("aws-access-key"));
        Assert.That(c.Reason, Is.EqualTo("revoked in 2024"));
        Assert.That(c.Reviewer, Is.EqualTo("alice"));
        Assert.That(c.Problem(null), Is.Null);
    }

    [TestCase("// hookguard:allow * reason=\"fixture\"", "reviewed-by")]
    [TestCase("/* hookguard:allow * reviewed-by=bob */", "reason")]
    [TestCase("<!-- hookguard:allow * -->", "reason=\"...\" and reviewed-by")]
    public void An_incomplete_comment_says_what_it_lacks(string line, string missing)
    {
        Assert.That(AllowComment.TryParse(line, out var c), Is.True);
        Assert.That(c.Problem(null), Does.Contain(missing));
    }

    [Test]
    public void Only_accepted_reviewers_count_when_the_config_names_them()
    {
        AllowComment.TryParse("# hookguard:allow * reason=\"x\" reviewed-by=mallory", out var c);
        Assert.That(c.Problem(["alice", "bob"]), Does.Contain("not an accepted reviewer"));
        Assert.That(c.Problem(["mallory"]), Is.Null);
    }

    [Test]
    public void A_quoted_reviewer_and_a_single_quoted_reason_parse()
    {
        AllowComment.TryParse("-- hookguard:allow x reason='old key' reviewed-by=\"Jean-Luc\"", out var c);
        Assert.That((c.Reason, c.Reviewer), Is.EqualTo(("old key", "Jean-Luc")));
    }

    [Test]
    public void A_comment_applies_to_its_rule_or_to_all_with_a_star()
    {
        AllowComment.TryParse("# hookguard:allow github-pat reason=\"x\" reviewed-by=a", out var one);
        AllowComment.TryParse("# hookguard:allow * reason=\"x\" reviewed-by=a", out var all);
        Assert.That(one.AppliesTo("github-pat") && !one.AppliesTo("slack-bot-token") && all.AppliesTo("anything"), Is.True);
    }

    [Test]
    public void Text_without_the_marker_is_not_a_comment() =>
        Assert.That(AllowComment.TryParse("# hookguard allows nothing here", out _), Is.False);
}
