using System.Buffers;
using HookGuard.Matching;

namespace HookGuard.Tests.Matching;

/// <summary>A word list finds what SearchValues&lt;string&gt; (and so OrdinalIgnoreCase) finds, in short texts and long ones.</summary>
public class WordListSpecs
{
    private static readonly string[] Words = ["pass", "id\"", "_id", "secret", "e.g.", "kind", "it('", "sha", "ttl"];

    [TestCase(StringComparison.OrdinalIgnoreCase)]
    [TestCase(StringComparison.Ordinal)]
    public void A_word_list_finds_what_SearchValues_finds(StringComparison comparison)
    {
        var list = new WordList(comparison, Words);
        var reference = SearchValues.Create(Words, comparison);
        var random = new Random(7);
        // The characters OrdinalIgnoreCase folds onto ASCII letters (dotless i, long s) and one it does not (Kelvin).
        const string Alphabet = "passPASSidID_\"'(.eEgGkKiInNdDsShHaAtTlL\u0131\u017f\u212a\u00e9 =:x";
        var found = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(4) == 0 ? random.Next(200, 700) : random.Next(0, 24);
            var text = new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var expected = text.AsSpan().ContainsAny(reference);
            Assert.That(list.FoundIn(text), Is.EqualTo(expected), $"'{text}' ({comparison})");
            if (expected) found++;
        }
        Assert.That(found, Is.InRange(200, 19_000), "both answers are exercised");
    }

    [Test]
    public void Ignoring_case_folds_as_ordinal_comparison_does()
    {
        var list = new WordList(StringComparison.OrdinalIgnoreCase, "id", "pass");
        Assert.Multiple(() =>
        {
            Assert.That(list.FoundIn("USER_ID"), Is.True);
            Assert.That(list.FoundIn("user_\u0131d"), Is.EqualTo("user_\u0131d".Contains("id", StringComparison.OrdinalIgnoreCase)));
            Assert.That(list.FoundIn("pa\u017f\u017f"), Is.EqualTo("pa\u017f\u017f".Contains("pass", StringComparison.OrdinalIgnoreCase)));
            Assert.That(list.FoundIn("passport".ToUpperInvariant()), Is.True);
            Assert.That(list.FoundIn("pas s"), Is.False);
        });
        Assert.That(() => new WordList(StringComparison.InvariantCultureIgnoreCase, "x"), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
