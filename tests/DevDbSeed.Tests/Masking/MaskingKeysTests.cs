using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Masking;

namespace DevDbSeed.Tests.Masking;

public sealed class MaskingKeysTests
{
    [Fact]
    public void The_key_of_a_rule_is_stable_across_instances()
    {
        var a = MaskingKeys.FromSecret("s3cret").For("fake:internet.email@en:unique");
        var b = MaskingKeys.FromSecret("s3cret").For("fake:internet.email@en:unique");

        Assert.Equal(a, b);
        Assert.Equal(32, a.Length);
    }

    [Fact]
    public void The_key_is_hmac_sha256_of_the_versioned_rule_under_the_secret()
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes("devdbseed/v1/hash:length=12,alphabet=auto"));

        Assert.Equal(expected, MaskingKeys.FromSecret("s3cret").For("hash:length=12,alphabet=auto"));
    }

    [Fact]
    public void Each_canonical_rule_gets_its_own_key()
    {
        var keys = MaskingKeys.FromSecret("s3cret");
        string[] rules = ["fake:internet.email@en", "fake:internet.email@en:unique", "fake:name.firstName@en", "fake:internet.email@de", "hash:length=original,alphabet=auto", "shift:days=30", "shift:days=31"];

        var distinct = rules.Select(r => Convert.ToHexString(keys.For(r))).Distinct().Count();

        Assert.Equal(rules.Length, distinct);
    }

    [Fact]
    public void A_different_secret_gives_different_keys()
    {
        Assert.NotEqual(MaskingKeys.FromSecret("one").For("shift:days=30"), MaskingKeys.FromSecret("two").For("shift:days=30"));
    }

    [Fact]
    public void Text_never_contains_the_secret()
    {
        const string secret = "correct horse battery staple";
        var keys = MaskingKeys.FromSecret(secret);

        Assert.DoesNotContain(secret, keys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("horse", keys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("horse", $"{keys}", StringComparison.Ordinal);
        Assert.False(keys.IsRandom);
    }

    [Fact]
    public void A_random_key_says_so_and_differs_per_run()
    {
        var a = MaskingKeys.Random();
        var b = MaskingKeys.Random();

        Assert.True(a.IsRandom);
        Assert.NotEqual(a.For("shift:days=30"), b.For("shift:days=30"));
        Assert.Equal(a.For("shift:days=30"), a.For("shift:days=30"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_secret_is_refused(string? secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => MaskingKeys.FromSecret(secret!));
    }
}
