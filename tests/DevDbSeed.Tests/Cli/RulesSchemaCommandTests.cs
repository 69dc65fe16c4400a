using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

public sealed class RulesSchemaCommandTests
{
    [Fact]
    public async Task Rules_schema_prints_the_generated_schema()
    {
        var output = new StringWriter();

        Assert.Equal(0, await DevDbSeed.Cli.Commands.Cli.RunAsync(["rules", "schema"], output, new StringWriter()));

        Assert.Equal(RulesSchema.Write(), output.ToString());
    }

    [Fact]
    public async Task Rules_schema_with_output_writes_the_file_and_prints_nothing_else()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Root, "rules.schema.json");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await DevDbSeed.Cli.Commands.Cli.RunAsync(["rules", "schema", "--output", file], output, error));

        Assert.Equal(RulesSchema.Write(), await File.ReadAllTextAsync(file));
        Assert.Empty(output.ToString());
        Assert.Equal($"written: {file}", error.ToString().Trim());
    }
}
