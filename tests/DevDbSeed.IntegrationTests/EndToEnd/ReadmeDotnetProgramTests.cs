using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.EndToEnd;

/// <summary>
/// The README's .NET program, exactly as printed there, built with the dotnet CLI as a console project referencing
/// the two src projects, and run against pagila with its settings in the environment.
/// </summary>
public sealed partial class ReadmeDotnetProgramTests(ReadmeDotnetProgramTests.Built built, ITestOutputHelper log) : IClassFixture<ReadmeDotnetProgramTests.Built>
{
    [Fact]
    public void The_program_builds_without_a_warning()
    {
        log.WriteLine($"build: {built.Build.Elapsed.TotalSeconds:0.0} s, run: {built.Run.Elapsed.TotalSeconds:0.0} s");
        Assert.True(built.Build.ExitCode == 0, built.Build.ToString());
        Assert.Matches(@"\b0 Warning\(s\)", built.Build.Output);
    }

    [Fact]
    public async Task The_program_masks_the_source_into_the_target_and_exits_0_with_a_one_line_summary()
    {
        Assert.True(built.Run.ExitCode == 0, built.Run.ToString());
        Assert.Equal(string.Empty, built.Run.Error);
        Assert.Matches(Summary(), built.Run.Output);
        Assert.Equal(await built.Databases.RowCountsAsync(built.Source), await built.Databases.RowCountsAsync(built.Target));

        var sql = "SELECT customer_id, email || '|' || first_name || '|' || last_name FROM customer";
        var originals = await built.Databases.MapAsync(built.Source, sql);
        var masked = await built.Databases.MapAsync(built.Target, sql);
        Assert.Equal(originals.Keys.Order(), masked.Keys.Order());
        Assert.All(originals, o => Assert.NotEqual(o.Value, masked[o.Key]));
    }

    [Fact]
    public async Task Without_DEVDBSEED_RULES_the_program_exits_2_naming_it_on_one_line()
    {
        var result = await built.Program.RunAsync(built.Environment("DEVDBSEED_RULES", null));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DEVDBSEED_RULES", line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\A\S+: [\d\p{Zs},.]+ rows, [\d\p{Zs},.]+ masked values in \d+[.,]\d s\n\z")]
    private static partial Regex Summary();

    /// <summary>The program built once, pagila as the source, and one run of the program into a new target.</summary>
    public sealed class Built : IAsyncLifetime
    {
        public ReadmeProgram Program { get; private set; } = null!;

        public ProcessResult Build { get; private set; } = null!;

        public ProcessResult Run { get; private set; } = null!;

        public TestDatabases Databases { get; private set; } = null!;

        public string Source { get; private set; } = null!;

        public string Target { get; private set; } = null!;

        /// <summary>The four variables the program reads, for this source and target; <paramref name="name"/> changed to <paramref name="value"/>.</summary>
        public Dictionary<string, string?> Environment(string? name = null, string? value = null)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DEVDBSEED_SOURCE"] = Databases.Uri(Source),
                ["DEVDBSEED_TARGET"] = Databases.Uri(Target),
                ["DEVDBSEED_RULES"] = Pagila.RulesFile,
                ["DEVDBSEED_SECRET"] = Pipelines.Secret,
            };
            if (name is not null)
            {
                environment[name] = value;
            }

            return environment;
        }

        public async Task InitializeAsync()
        {
            Databases = await TestDatabases.CreateAsync();
            await this.OrDisposeAsync(async () =>
            {
                var building = ReadmeProgram.BuildAsync(ReadmeProgram.Source()); // beside loading pagila
                try
                {
                    Source = await Pagila.CreateAsync(Databases);
                }
                finally
                {
                    (Program, Build) = await building;
                }

                Target = Databases.Name("dev");
                Assert.True(Build.ExitCode == 0, Build.ToString());
                Run = await Program.RunAsync(Environment());
            });
        }

        public async Task DisposeAsync()
        {
            await Databases.DisposeAsync();
            Program?.Dispose();
        }
    }
}
