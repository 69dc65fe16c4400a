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

    [Fact]
    public void Next_stays_below_its_exclusive_bound_and_reaches_every_value()
    {
        var random = new KeyedRandom(Digest(1));
        var seen = new bool[10];

        for (var i = 0; i < 10_000; i++)
        {
            var value = random.Next(10);
            Assert.InRange(value, 0, 9);
            seen[value] = true;
        }

        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void Inclusive_bounds_are_both_reached()
    {
        var random = new KeyedRandom(Digest(2));
        var draws = Enumerable.Range(0, 10_000).Select(_ => random.Next(-3, 3)).ToList();

        Assert.Equal(-3, draws.Min());
        Assert.Equal(3, draws.Max());
    }

    [Fact]
    public void Next_of_one_is_always_zero_and_nonpositive_bounds_are_refused()
    {
        var random = new KeyedRandom(Digest(3));

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, random.Next(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyedRandom(Digest(3)).Next(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyedRandom(Digest(3)).Next(-5));
    }

    [Fact]
    public void Draws_are_roughly_uniform()
    {
        var random = new KeyedRandom(Digest(4));
        var counts = new int[7];

        for (var i = 0; i < 70_000; i++)
        {
            counts[random.Next(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
    }

    [Fact]
    public void Doubles_lie_in_the_unit_interval()
    {
        var random = new KeyedRandom(Digest(5));
        var draws = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0.0, 0.9999999999999999));
        Assert.InRange(draws.Average(), 0.48, 0.52);
    }

    [Fact]
    public void Large_bounds_are_respected()
    {
        var random = new KeyedRandom(Digest(6));

        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.Next(int.MaxValue), 0, int.MaxValue - 1);
        }
    }

    [Fact]
    public void Different_digests_draw_different_sequences()
    {
        var a = new KeyedRandom(Digest(7));
        var b = new KeyedRandom(Digest(8));

        Assert.NotEqual(Enumerable.Range(0, 20).Select(_ => a.NextUInt64()), Enumerable.Range(0, 20).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void An_all_zero_digest_still_draws_numbers()
    {
        var random = new KeyedRandom(new byte[32]);

        Assert.NotEqual(0UL, random.NextUInt64() | random.NextUInt64() | random.NextUInt64());
    }

    [Fact]
    public void A_short_digest_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KeyedRandom(new byte[31]));
    }

    private static byte[] Digest(int seed) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed));
}
