using HookGuard.Policy;

namespace HookGuard.Tests.Policy;

/// <summary>Strict attribute parsing, fp= and whether a comment stands alone on its line.</summary>
public class AllowCommentAttributeSpecs
{
    [TestCase("# hookguard:allow * reason=reviewed-by=bob", "reviewed-by=bob", null)]
    [TestCase("# hookguard:allow * reason=\"a b\" reviewed-by=bob", "a b", "bob")]
    [TestCase("# hookguard:allow * reason=\"a\"reviewed-by=bob", "a", null)]
    [TestCase("# hookguard:allow * reason=a,reviewed-by=bob", "a", null)]
    [TestCase("<!-- hookguard:allow * reason='a' reviewed-by=bob -->", "a", "bob")]
    [TestCase("# hookguard:allow * reason=\"x\" reviewed-by=bob reason=\"override\" reviewed-by=eve", "x", "bob")]
    [TestCase("# hookguard:allow * note=reason=x reviewed-by=bob", null, "bob")]
    public void Attributes_are_whitespace_separated_and_the_first_of_each_counts(string line, string? reason, string? reviewer)
    {
        Assert.That(AllowComment.TryParse(line, out var c), Is.True);
        Assert.That((c.Reason, c.Reviewer), Is.EqualTo((reason, reviewer)));
    }

    [TestCase("# hookguard:allow * fp=0123456789ab reason=x reviewed-by=bob", true)]
    [TestCase("   // hookguard:allow * reason=x reviewed-by=bob", true)]
    [TestCase("REM hookguard:allow * reason=x reviewed-by=bob", true)]
    [TestCase("key = 'v'  # hookguard:allow * reason=x reviewed-by=bob", false)]
    [TestCase("\"s\": 1, // hookguard:allow * reason=x reviewed-by=bob", false)]
    public void A_comment_stands_alone_when_only_comment_syntax_precedes_it(string line, bool standalone)
    {
        Assert.That(AllowComment.TryParse(line, out var c), Is.True);
        Assert.That(c.Standalone, Is.EqualTo(standalone));
    }

    [Test]
    public void Fp_names_a_fingerprint_by_its_start_and_must_be_hex()
    {
        AllowComment.TryParse("# hookguard:allow * fp=0123456789AB reason=x reviewed-by=bob", out var c);
        Assert.That(c.Names("0123456789ab" + new string('f', 52)), Is.True);
        Assert.That(c.Names("1123456789ab" + new string('f', 52)), Is.False);
        AllowComment.TryParse("# hookguard:allow * fp=zz reason=x reviewed-by=bob", out var bad);
        Assert.That(bad.Problem(null), Does.Contain("fp=zz"));
        AllowComment.TryParse("# hookguard:allow * reason=x reviewed-by=bob", out var none);
        Assert.That(none.Names("0123456789ab"), Is.False);
    }
}
