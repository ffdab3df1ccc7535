using HookGuard.Matching;

namespace HookGuard.Tests.Matching;

public class EntropySpecs
{
    [TestCase("", 0.0)]
    [TestCase("aaaa", 0.0)]
    [TestCase("ab", 1.0)]
    [TestCase("abcd", 2.0)]
    [TestCase("0123456789abcdef", 4.0)]
    public void Shannon_entropy_is_bits_per_character(string text, double expected) =>
        Assert.That(Entropy.Shannon(text), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void Non_ascii_characters_count_like_any_other() =>
        Assert.That(Entropy.Shannon("ééaa"), Is.EqualTo(1.0).Within(1e-9));
}

public class PlaceholderSpecs
{
    [TestCase("xxxxxxxxxxxxxxxx")]
    [TestCase("<your-api-key>")]
    [TestCase("${API_KEY}")]
    [TestCase("{{ .Values.token }}")]
    [TestCase("changeme")]
    [TestCase("EXAMPLEKEY123")]
    [TestCase("abc1234567890def")]
    [TestCase("aaaaaaaB")]
    public void Stand_ins_for_secrets_are_placeholders(string value) => Assert.That(Placeholders.IsPlaceholder(value), Is.True);

    [TestCase("Qm8pZr2LxW4vTn7s")]
    [TestCase("4catGTTM2XQ0vyBYuXGp")]
    public void Random_values_are_not_placeholders(string value) => Assert.That(Placeholders.IsPlaceholder(value), Is.False);
}

public class ChecksumSpecs
{
    [Test]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.That(Checksums.Crc32("123456789"), Is.EqualTo(0xCBF43926u));

    [Test]
    public void Base62_is_left_padded_to_the_width()
    {
        Span<char> digits = stackalloc char[6];
        Checksums.ToBase62(61, digits);
        Assert.That(digits.ToString(), Is.EqualTo("00000z"));
    }
}
