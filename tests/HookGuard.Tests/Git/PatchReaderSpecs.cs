using System.Text;
using HookGuard.Findings;
using HookGuard.Sources;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

public class PatchReaderSpecs
{
    private static List<string> Read(string patch)
    {
        var sink = new RecordingPatchSink();
        new PatchReader(sink).Read(new MemoryStream(Encoding.UTF8.GetBytes(patch)));
        return sink.Events;
    }

    [Test]
    public void Added_lines_carry_their_line_number_in_the_new_file()
    {
        var events = Read("""
            diff --git a/a.txt b/a.txt
            index 1111111..2222222 100644
            --- a/a.txt
            +++ b/a.txt
            @@ -1,2 +1,3 @@
             one
            -two
            +deux
            +three
            """);
        Assert.That(events, Is.EqualTo(new[] { "file a.txt", " 1 one", "+2 deux", "+3 three" }));
    }

    [Test]
    public void An_added_line_that_looks_like_a_header_is_content()
    {
        var events = Read("""
            diff --git a/notes.md b/notes.md
            new file mode 100644
            --- /dev/null
            +++ b/notes.md
            @@ -0,0 +1,2 @@
            +++ not a header
            +diff --git a/x b/x
            """);
        Assert.That(events, Is.EqualTo(new[] { "file notes.md", "+1 ++ not a header", "+2 diff --git a/x b/x" }));
    }

    [Test]
    public void Quoted_file_names_are_unquoted()
    {
        var events = Read("diff --git \"a/tab\\there.env\" \"b/tab\\there.env\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/tab\\there.env\"\n@@ -0,0 +1 @@\n+x\n");
        Assert.That(events[0], Is.EqualTo("file tab\there.env"));
    }

    [Test]
    public void An_empty_new_file_named_with_a_quote_is_summarised_under_its_name()
    {
        // No hunk, so no `+++` line: the name comes from the header alone, whose b-name holds an escaped quote.
        const string empty = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", none = "0000000000000000000000000000000000000000";
        var summary = new ChangeSummary();
        new PatchReader(new RecordingPatchSink(), summary).Read(new MemoryStream(Encoding.UTF8.GetBytes(
            $"diff --git \"a/q\\\"uote.txt\" \"b/q\\\"uote.txt\"\nnew file mode 100644\nindex {none}..{empty}\n")));
        var expected = new ChangeSummary();
        expected.Add("q\"uote.txt", none, empty);
        Assert.That(summary.Mark(), Is.EqualTo(expected.Mark()));
    }

    [Test]
    public void Octal_escapes_decode_as_utf8()
    {
        Assert.That(PatchReader.Unquote("\"\\303\\274.env\""u8), Is.EqualTo("ü.env"));
    }

    [Test]
    public void A_symlink_s_target_is_its_one_line_and_a_submodule_is_skipped()
    {
        var events = Read("""
            diff --git a/link b/link
            new file mode 120000
            --- /dev/null
            +++ b/link
            @@ -0,0 +1 @@
            +/etc/passwd
            \ No newline at end of file
            diff --git a/mod b/mod
            new file mode 160000
            --- /dev/null
            +++ b/mod
            @@ -0,0 +1 @@
            +Subproject commit 1111111111111111111111111111111111111111
            """);
        Assert.That(events, Is.EqualTo(new[] { "file link", "+1 /etc/passwd" }));
    }

    [Test]
    public void Binary_files_are_reported_as_binary()
    {
        var events = Read("diff --git a/img.png b/img.png\nnew file mode 100644\nindex 0000000..3333333\nBinary files /dev/null and b/img.png differ\n");
        Assert.That(events, Is.EqualTo(new[] { "binary img.png" }));
    }

    [Test]
    public void Commit_markers_start_a_commit()
    {
        var events = Read(PatchReader.CommitMarker + "abc123\u001fAda <ada@x>\u001ffix it\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
        Assert.That(events, Is.EqualTo(new[] { "commit abc123 Ada <ada@x> fix it", "file f", "+1 b" }));
    }

    [Test]
    public void A_pure_rename_adds_no_line_and_hands_on_its_new_name()
    {
        var events = Read("diff --git a/a.env b/b.env\nsimilarity index 100%\nrename from a.env\nrename to b.env\n");
        Assert.That(events, Is.EqualTo(new[] { "name b.env" }));
    }

    [Test]
    public void An_empty_new_file_hands_on_its_name_and_a_deleted_or_mode_changed_one_does_not()
    {
        var events = Read("diff --git a/e.txt b/e.txt\nnew file mode 100644\nindex 0000000..e69de29\n" +
            "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\nindex e69de29..0000000\n" +
            "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n");
        Assert.That(events, Is.EqualTo(new[] { "name e.txt" }));
    }

    [Test]
    public void Lines_longer_than_the_read_buffer_arrive_whole()
    {
        var longLine = new string('x', 300_000);
        var events = Read($"diff --git a/m.js b/m.js\n--- a/m.js\n+++ b/m.js\n@@ -0,0 +1 @@\n+{longLine}\n");
        Assert.That(events[1], Is.EqualTo("+1 " + longLine));
    }
}
