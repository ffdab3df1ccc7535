using System.Text;
using HookGuard.Platform;

namespace HookGuard.Tests.Git;

/// <summary>The hook's piped diff passes only when git's output is followed by the completion line.</summary>
public class CompletedPatchStreamSpecs
{
    private const string Patch = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+hello\n";

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public void The_patch_passes_through_unchanged_and_the_completion_line_is_dropped(int readSize)
    {
        var large = string.Concat(Enumerable.Repeat(Patch, 5000));
        Assert.That(ReadAll(large + CompletedPatchStream.MarkerLine + "\n", readSize), Is.EqualTo(large));
    }

    [Test]
    public void An_empty_diff_with_its_completion_line_is_an_empty_patch() =>
        Assert.That(ReadAll(CompletedPatchStream.MarkerLine + "\n", 64), Is.Empty);

    [TestCase("")]
    [TestCase(Patch)]
    [TestCase(Patch + "hookguard: end of pat")]
    [TestCase(Patch + "hookguard: end of patch")]
    [TestCase("hookguard: end of patch\n" + Patch)]
    public void Without_the_completion_line_at_the_end_the_read_fails(string input) =>
        Assert.That(() => ReadAll(input, 64), Throws.TypeOf<GitException>().With.Message.Contains("git diff failed"));

    private static string ReadAll(string input, int readSize)
    {
        using var stream = new CompletedPatchStream(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        for (int read; (read = stream.Read(buffer)) > 0;) output.Write(buffer, 0, read);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
