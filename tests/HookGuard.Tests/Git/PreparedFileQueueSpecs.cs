using HookGuard.Sources.Staged;

namespace HookGuard.Tests.Git;

/// <summary>The hand-over between the thread reading a big staged change and the one scanning it.</summary>
public class PreparedFileQueueSpecs
{
    private static PreparedFile File(string path, int bytes) =>
        new(path, new string('0', 40), new string('1', 40)) { Lines = new TextLines(new byte[bytes], count: 1) };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void The_reader_waits_for_room_before_reading_and_files_come_out_in_order()
    {
        var queue = new PreparedFileQueue(capacity: 1500);
        Assert.That(queue.WaitForRoom(1000) && queue.TryAdd(File("a", 1000)), Is.True);
        var second = Task.Run(() => queue.WaitForRoom(1000) && queue.TryAdd(File("b", 1000)));
        Assert.That(second.Wait(TimeSpan.FromMilliseconds(200)), Is.False, "a second file would pass the capacity");

        Assert.That(queue.TryTake(out var first), Is.True);
        Assert.That(first.Path, Is.EqualTo("a"));
        Assert.That(second.Wait(Patience) && second.Result, Is.True, "room again once the first was taken");
        queue.Complete(gaveUp: false);
        Assert.That(queue.TryTake(out var next) ? next.Path : null, Is.EqualTo("b"));
        Assert.That(queue.TryTake(out _), Is.False);
        Assert.That(queue.GaveUp, Is.False);
    }

    [Test]
    public void A_file_larger_than_the_capacity_is_read_alone()
    {
        var queue = new PreparedFileQueue(capacity: 100);
        Assert.That(queue.WaitForRoom(5000), Is.True, "an empty queue has room for anything");
        queue.TryAdd(File("big", 5000));
        var next = Task.Run(() => queue.WaitForRoom(10));
        Assert.That(next.Wait(TimeSpan.FromMilliseconds(200)), Is.False, "nothing is read beside it");
        queue.Complete(gaveUp: true);
        Assert.That(queue.TryTake(out var file) ? file.Path : null, Is.EqualTo("big"));
        Assert.That(next.Wait(Patience) && next.Result, Is.True);
        Assert.That(queue.TryTake(out _), Is.False);
        Assert.That(queue.GaveUp, Is.True);
    }

    [Test]
    public void The_taker_waits_for_the_reader()
    {
        var queue = new PreparedFileQueue(capacity: 100);
        var taken = Task.Run(() => queue.TryTake(out var file) ? file.Path : null);
        Assert.That(taken.Wait(TimeSpan.FromMilliseconds(200)), Is.False, "nothing to take yet");
        queue.TryAdd(File("late", 10));
        Assert.That(taken.Wait(Patience) ? taken.Result : "still waiting", Is.EqualTo("late"));
    }

    [Test]
    public void Cancelling_releases_a_waiting_reader_and_refuses_more()
    {
        var queue = new PreparedFileQueue(capacity: 100);
        queue.TryAdd(File("a", 100));
        var waiting = Task.Run(() => queue.WaitForRoom(100));
        Assert.That(waiting.Wait(TimeSpan.FromMilliseconds(200)), Is.False);
        queue.Cancel();
        Assert.That(waiting.Wait(Patience) ? waiting.Result : (bool?)null, Is.False, "released, told nobody takes it");
        Assert.That(queue.TryAdd(File("c", 1)), Is.False);
    }

    [Test]
    public void A_reader_failure_reaches_the_taker_after_the_files_read_before_it()
    {
        var queue = new PreparedFileQueue(capacity: 100);
        queue.TryAdd(File("a", 10));
        queue.Complete(gaveUp: false, new InvalidOperationException("reader bug"));
        Assert.That(queue.TryTake(out var file) ? file.Path : null, Is.EqualTo("a"));
        Assert.That(() => queue.TryTake(out _), Throws.InvalidOperationException.With.Message.EqualTo("reader bug"));
    }
}
