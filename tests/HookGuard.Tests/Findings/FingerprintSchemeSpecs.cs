using System.Security.Cryptography;
using System.Text;
using HookGuard.Findings;
using HookGuard.Platform;

namespace HookGuard.Tests.Findings;

/// <summary>The managed PBKDF2 behind fingerprints, against the platform's, and the scheme's properties.</summary>
[NonParallelizable]
public class FingerprintSchemeSpecs
{
    [TestCase(5, 0, 1)]
    [TestCase(20, 10, 2)]
    [TestCase(64, 51, 3)]
    [TestCase(65, 56, 1000)]
    [TestCase(300, 130, 17)]
    public void Pbkdf2_matches_the_platform_implementation(int passwordLength, int saltLength, int iterations)
    {
        var password = Encoding.UTF8.GetBytes(FakeText(passwordLength, 1));
        var salt = Encoding.UTF8.GetBytes(FakeText(saltLength, 2));
        var expected = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        Assert.That(Pbkdf2Sha256.DeriveKey(password, salt, iterations), Is.EqualTo(expected));
    }

    [Test]
    public void A_fingerprint_is_the_documented_pbkdf2_of_rule_and_secret_salted_with_the_repository()
    {
        try
        {
            Fingerprints.UseSalt(() => "0123456789abcdef0123456789abcdef01234567");
            var fingerprint = Fingerprints.Of("generic-secret-assignment", "Winter2024!prod");
            var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("generic-secret-assignment\nWinter2024!prod"),
                Encoding.UTF8.GetBytes("hookguard-fingerprint-v2:0123456789abcdef0123456789abcdef01234567"), Fingerprints.Iterations, HashAlgorithmName.SHA256, 32);
            Assert.That(fingerprint, Is.EqualTo(Convert.ToHexStringLower(expected)));
            Assert.That(fingerprint, Is.Not.EqualTo(Fingerprints.Legacy("generic-secret-assignment", "Winter2024!prod")));
            Assert.That(Fingerprints.Iterations, Is.GreaterThanOrEqualTo(10_000), "a guess must cost milliseconds, not nanoseconds");

            Fingerprints.UseSalt(() => "another repository");
            Assert.That(Fingerprints.Of("generic-secret-assignment", "Winter2024!prod"), Is.Not.EqualTo(fingerprint), "salted per repository");
        }
        finally
        {
            Fingerprints.UseSalt(() => "");
        }
    }

    private static string FakeText(int length, int seed) => HookGuard.Tests.Support.FakeSecrets.Random(length, seed);
}
