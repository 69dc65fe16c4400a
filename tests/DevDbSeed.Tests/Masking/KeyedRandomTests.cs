using DevDbSeed.Masking;

namespace DevDbSeed.Tests.Masking;

public sealed class KeyedRandomTests
{
    [Fact]
    public void Same_digest_draws_the_same_numbers()
    {
        var digest = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var a = new KeyedRandom(digest);
        var b = new KeyedRandom(digest);

        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.Next(1000)), Enumerable.Range(0, 100).Select(_ => b.Next(1000)));
    }

    [Fact]
    public void Draws_stay_within_the_bounds_asked_for()
    {
        var random = new KeyedRandom(new byte[32]);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.Next(3, 7), 3, 7);
        }
    }
}
