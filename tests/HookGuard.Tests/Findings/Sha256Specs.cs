using System.Text;
using HookGuard.Findings;
using HookGuard.Platform;

namespace HookGuard.Tests.Findings;

public class Sha256Specs
{
    // FIPS 180-4's examples (NIST CSRC example values) and the empty message.
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Known_messages_hash_to_their_published_digests(string message, string digest) =>
        Assert.That(Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))), Is.EqualTo(digest));

    [Test]
    public void Every_length_around_the_block_and_padding_boundaries_agrees_with_the_platform_SHA256()
    {
        var random = new Random(20261201);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.That(Sha256.HashData(data), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(data)), $"{length} bytes");
        }
    }

    [Test]
    public void The_retired_scheme_1_fingerprint_is_recognised_as_the_hex_SHA256_of_rule_path_and_secret()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("aws-access-key-id:src/ключ.cs:AKIAX")));
        Assert.That(Fingerprints.Legacy("aws-access-key-id", "AKIAX", "src/ключ.cs"), Is.EqualTo(expected));
    }
}
