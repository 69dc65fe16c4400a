using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Configuration;

public sealed class VerifyOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Runs_verify_by_default()
    {
        var verify = Load(null);

        Assert.Equal(VerifyOptions.Default, verify);
        Assert.True(verify.Enabled);
        Assert.Equal(10_000, verify.SamplePerColumn);
        Assert.Equal(6, verify.MinLength);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    public void A_boolean_turns_verify_on_or_off_with_default_settings(string value, bool enabled) =>
        Assert.Equal(VerifyOptions.Default with { Enabled = enabled }, Load(value));

    [Fact]
    public void A_mapping_sets_each_option()
    {
        Assert.Equal(new VerifyOptions(false, 500, 4), Load("{ enabled: false, sample: 500, min_length: 4 }"));
        Assert.Equal(new VerifyOptions(true, 1, 6), Load("{ sample: 1 }"));
        Assert.Equal(new VerifyOptions(true, 10_000, 1000), Load("\n  min_length: 1000"));
        Assert.Equal(VerifyOptions.Default, Load("{}"));
    }

    [Theory]
    [InlineData("{ sample: 0 }", "verify.sample must be a whole number from 1 to 10000000 ('0' found)", 4, 19)]
    [InlineData("{ sample: many }", "verify.sample must be a whole number", 4, 19)]
    [InlineData("{ min_length: 0 }", "verify.min_length must be a whole number from 1 to 1000 ('0' found)", 4, 23)]
    [InlineData("{ min_length: 1001 }", "verify.min_length must be a whole number from 1 to 1000", 4, 23)]
    [InlineData("{ enabled: maybe }", "verify.enabled must be true or false ('maybe' found)", 4, 20)]
    [InlineData("maybe", "verify must be true or false ('maybe' found)", 4, 9)]
    [InlineData("{ sampel: 5 }", "unknown key 'sampel' in verify", 4, 11)]
    [InlineData("[1, 2]", "verify must be a mapping (a list found)", 4, 9)]
    public void Bad_values_are_errors_with_file_line_and_column(string value, string message, int line, int column)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(value));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{Path.Combine(_dir.Root, "p.yaml")}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_one()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("{ min_lenght: 3 }"));

        Assert.Contains("min_length", error.Message, StringComparison.Ordinal);
    }

    private VerifyOptions Load(string? verify)
    {
        var text = "source: postgresql://prod/app\ntarget: postgresql://dev/app\nrules: r.yaml\n" + (verify is null ? string.Empty : $"verify: {verify}\n");
        return PipelineFile.Load(_dir.Write("p.yaml", text)).Verify;
    }
}
