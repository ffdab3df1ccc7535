using System.Text;
using HookGuard.GitStore;

namespace HookGuard.Tests.Git;

/// <summary>Pack deltas (gitformat-pack, "Deltified representation"), built by hand.</summary>
public class DeltaPatchSpecs
{
    private static readonly byte[] Source = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");

    [Test]
    public void Copies_from_the_base_and_inserted_bytes_rebuild_the_object()
    {
        byte[] delta =
        [
            43, 17, // sizes: base 43, result 17 ("quick red dogs!!!")
            0x80 | 0x01 | 0x10, 4, 5, // copy 5 bytes from offset 4: "quick"
            5, .. " red "u8, // insert 5 bytes
            0x80 | 0x01 | 0x10, 40, 3, // copy 3 bytes from offset 40: "dog"
            4, .. "s!!!"u8,
        ];
        Assert.That(Encoding.ASCII.GetString(DeltaPatch.Apply(Source, delta)!), Is.EqualTo("quick red dogs!!!"));
    }

    [TestCase(new byte[] { 42, 3, 0x91, 0, 3 }, TestName = "A delta for another base size is refused")]
    [TestCase(new byte[] { 43, 3, 0x91, 41, 3 }, TestName = "A copy past the base's end is refused")]
    [TestCase(new byte[] { 43, 4, 0x91, 0, 3 }, TestName = "A result shorter than announced is refused")]
    [TestCase(new byte[] { 43, 1, 0 }, TestName = "The reserved instruction 0 is refused")]
    [TestCase(new byte[] { 43, 2, 5, 1 }, TestName = "An insert running past the delta is refused")]
    public void Damaged_deltas_give_null_for_git_to_judge(byte[] delta) => Assert.That(DeltaPatch.Apply(Source, delta), Is.Null);
}
