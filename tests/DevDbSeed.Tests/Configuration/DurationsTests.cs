using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.Tests.Configuration;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("90m", 90 * 60)]
    [InlineData("26h", 26 * 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData(" 26 h ", 26 * 3600)]
    public void A_whole_number_and_a_unit_is_a_duration(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Find(text));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Find(Durations.Text(TimeSpan.FromSeconds(seconds))));
    }

    [Theory]
    [InlineData("26")]
    [InlineData("0h")]
    [InlineData("1.5h")]
    [InlineData("-1h")]
    [InlineData("26 hours")]
    [InlineData("h")]
    public void Anything_else_is_not(string text) => Assert.Null(Durations.Find(text));

    [Fact]
    public void A_pipeline_with_a_bad_max_age_is_an_error_at_its_line_and_column()
    {
        var pipeline = Path.Combine(Path.GetTempPath(), $"devdbseed-age-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(pipeline, "source_backup: /backups/prod-*.dump\nsource_backup_max_age: 26 hours\nrules: rules.yaml\n");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(pipeline));

            Assert.EndsWith(":2:24: source_backup_max_age must be a whole number of s, m, h or d greater than 0 (26h, 7d)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pipeline);
        }
    }
}
