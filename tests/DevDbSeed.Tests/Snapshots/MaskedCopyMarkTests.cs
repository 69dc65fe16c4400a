using DevDbSeed.Rules;
using DevDbSeed.Snapshots;
using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Snapshots;

public sealed class MaskedCopyMarkTests
{
    private static readonly RulesFileInfo Rules = new("rules/vca.yaml", new string('a', 64));

    [Fact]
    public void A_mark_reads_back_as_it_was_written_on_one_line()
    {
        var verified = new VerifyResult(12, 3456, 7, 60_000, [], TimeSpan.FromSeconds(2), ComparedTables: 2, ComparedRows: 500);
        var mark = MaskedCopyMark.Now("app@db:5432/prod", [Rules], verified);

        var json = mark.ToJson();
        var read = MaskedCopyMark.Parse(json);

        Assert.DoesNotContain('\n', json);
        Assert.NotNull(read);
        Assert.Equal(mark.MadeAt.ToUnixTimeMilliseconds(), read.MadeAt.ToUnixTimeMilliseconds());
        Assert.Equal(mark.ToolVersion, read.ToolVersion);
        Assert.Equal("app@db:5432/prod", read.Source);
        Assert.Equal([Rules], read.Rules);
        Assert.Equal(new MarkedVerification(3456, 7, 500, 0), read.Verification);
    }

    [Fact]
    public void A_mark_without_verification_says_so()
    {
        var read = MaskedCopyMark.Parse(MaskedCopyMark.Now("backup /backups/prod.dump", [Rules], verified: null).ToJson());

        Assert.NotNull(read);
        Assert.Null(read.Verification);
        Assert.Equal("backup /backups/prod.dump", read.Source);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("on")]
    [InlineData("{\"masked_copy\":\"someone else\",\"format_version\":1}")]
    [InlineData("{\"masked_copy\":\"devdbseed\",\"format_version\":2}")]
    [InlineData("{\"masked_copy\":\"devdbseed\",\"format_version\":1}")]
    [InlineData("[1, 2]")]
    public void Anything_else_is_no_mark(string? text) => Assert.Null(MaskedCopyMark.Parse(text));
}
