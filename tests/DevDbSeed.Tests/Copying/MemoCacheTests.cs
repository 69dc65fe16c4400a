using System.Text;
using DevDbSeed.Copying;

namespace DevDbSeed.Tests.Copying;

public sealed class MemoCacheTests
{
    [Fact]
    public void A_memo_that_grows_keeps_its_values_and_misses_no_more_than_before()
    {
        var memo = new MemoCache();
        var keys = Enumerable.Range(0, 500).Select(i => Encoding.UTF8.GetBytes($"name-{i}")).ToList();
        var misses = new List<int>();
        for (var round = 0; round < 40; round++) // 20,000 lookups, all of them repeats after the first round: past every growth
        {
            var missed = 0;
            foreach (var key in keys)
            {
                if (memo.TryGet(key, out var value))
                {
                    Assert.Equal([.. key, (byte)'!'], value.ToArray());
                }
                else
                {
                    missed++;
                    memo.Add(key, [.. key, (byte)'!']); // as a masker does
                }
            }

            misses.Add(missed);
        }

        Assert.True(memo.Enabled);
        Assert.True(misses[1] > 0, "500 names in the first 2,048 slots: some share one"); // direct-mapped: the newest wins
        Assert.True(misses[^1] < misses[1], $"misses per round: {string.Join(", ", misses)}");
        Assert.True(memo.Hits > 17_000, $"{memo.Hits} hits of 20,000"); // 19,500 repeats; a pair sharing a slot misses in turn
    }

    [Fact]
    public void A_memo_whose_values_rarely_repeat_switches_itself_off()
    {
        var memo = new MemoCache();
        for (var i = 0; i < 25_000; i++)
        {
            var key = Encoding.UTF8.GetBytes($"person{i}@example.com");
            if (!memo.TryGet(key, out _))
            {
                memo.Add(key, key);
            }
        }

        Assert.False(memo.Enabled);
        Assert.False(memo.TryGet("person1@example.com"u8, out _));
    }
}
