using HookGuard.Install;

namespace HookGuard.Tests.Install;

public class JsonTaskListSpecs
{
    private const string Task = "{ \"name\": \"hg\", \"command\": \"hookguard\" }";

    [TestCase("{\n  \"tasks\": [\n    { \"name\": \"a\" }\n  ]\n}\n")]
    [TestCase("{\r\n   \"tasks\": [\r\n      { \"name\": \"a\" },\r\n   ]\r\n}")]
    [TestCase("{ \"tasks\": [] }")]
    [TestCase("\uFEFF{\n  // the team's tasks\n  \"variables\": [{ \"name\": \"x\" }],\n  \"tasks\": [ { \"name\": \"é\" }, 3 ] /* end */\n}")]
    public void Append_then_remove_gives_the_text_back_exactly(string text)
    {
        var added = JsonTaskList.Append(JsonTaskList.Append(text, Task), Task.Replace("hg", "hg2", StringComparison.Ordinal));
        Assert.That(JsonTaskList.Names(added).TakeLast(2), Is.EqualTo(new[] { "hg", "hg2" }));
        Assert.That(JsonTaskList.Remove(JsonTaskList.Remove(added, "hg2"), "hg"), Is.EqualTo(text));
        Assert.That(JsonTaskList.Remove(JsonTaskList.Remove(added, "hg"), "hg2"), Is.EqualTo(text));
    }

    [Test]
    public void Appended_tasks_take_the_indentation_of_the_last_one()
    {
        var added = JsonTaskList.Append("{\n   \"tasks\": [\n      { \"name\": \"a\" }\n   ]\n}\n", Task);
        Assert.That(added, Does.Contain("{ \"name\": \"a\" },\n      " + Task + "\n   ]"));
    }

    [Test]
    public void A_file_without_a_tasks_array_or_not_json_is_refused_with_the_reason()
    {
        Assert.That(() => JsonTaskList.Names("{ \"x\": 1 }"), Throws.TypeOf<FormatException>().With.Message.Contains("no \"tasks\" array"));
        Assert.That(() => JsonTaskList.Names("{ \"tasks\": [ { ] }"), Throws.TypeOf<FormatException>().With.Message.Contains("line 1"));
    }
}
