using DevDbSeed.Configuration;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Configuration;

/// <summary>A pipeline file that is not a valid pipeline still says where its refusal is written and how it is logged.</summary>
public sealed class PipelineReportingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_invalid_pipeline_still_gives_its_summary_metrics_and_log_format_relative_to_it_with_variables_expanded()
    {
        var path = _dir.Write("pipelines/nightly.yaml", """
            source: postgresql://db/prod
            jobs: 0
            summary: ${OUT}/summary.json
            metrics: /var/lib/textfile/devdbseed.prom
            log_format: json
            """);

        var reporting = PipelineReporting.Read(path, name => name == "OUT" ? "out" : null);

        Assert.Equal(new PipelineReporting("nightly", Path.Combine(_dir.Root, "pipelines", "out", "summary.json"), "/var/lib/textfile/devdbseed.prom",
            LogFormat.Json), reporting);
    }

    [Fact]
    public void A_setting_that_cannot_be_read_or_expanded_is_left_out_and_the_others_stay()
    {
        var path = _dir.Write("nightly.yaml", """
            summary: ${NOT_SET}/summary.json
            metrics: [ not, a, path ]
            log_format: xml
            rules: r.yaml
            """);

        var reporting = PipelineReporting.Read(path, _ => null);

        Assert.Equal(new PipelineReporting("nightly", null, null, null), reporting);
        Assert.Equal(_dir.Root + "/m.prom", PipelineReporting.Read(_dir.Write("p.yaml", "summary: ${BAD\nmetrics: m.prom\n"), _ => null).MetricsFile);
    }

    [Theory]
    [InlineData("summary: s.json\nmetrics: [\n")]
    [InlineData("- summary: s.json\n")]
    [InlineData("")]
    public void Malformed_yaml_or_a_file_that_is_not_a_mapping_gives_nothing_but_the_name(string text)
    {
        var reporting = PipelineReporting.Read(_dir.Write("broken.yaml", text), _ => null);

        Assert.Equal(new PipelineReporting("broken", null, null, null), reporting);
    }

    [Fact]
    public void A_file_that_does_not_exist_gives_nothing_but_the_name()
    {
        Assert.Equal(new PipelineReporting("gone", null, null, null), PipelineReporting.Read(Path.Combine(_dir.Root, "gone.yaml")));
    }
}
