using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Errors;

/// <summary>
/// Invalid usage or configuration is exit 2 with one message that says where the mistake is (file:line for YAML,
/// the variable's name, the closest generator names), never a stack trace; nothing is read, written or created.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string GoodRules = """
        version: 1
        tables:
          public.items:
            columns:
              id: keep
              name: name.firstName
              price: keep
        """;

    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", """
                CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2));
                INSERT INTO items SELECT i, 'Item owner ' || i, i FROM generate_series(1, 100) i;
                """);
            _target = _databases.Name("dev");
            _pipelines.Write("rules.yaml", GoodRules);
            Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipeline()));
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task Malformed_rules_yaml_is_exit_2_naming_the_file_and_line()
    {
        _pipelines.Write("rules.yaml", GoodRules.Replace("name: name.firstName", "name: name.firstName: oops", StringComparison.Ordinal));

        var result = await AssertRejectedAsync("run", Pipeline());

        Outputs.Mentions(result, "rules.yaml:6:");
    }

    [Fact]
    public async Task Malformed_pipeline_yaml_is_exit_2_naming_the_file_and_line()
    {
        var pipeline = _pipelines.Write("broken.yaml", $"""
            source: '{_databases.Uri(_source)}'
            target: '{_databases.Uri(_target)}'
            rules: rules.yaml
            secret: 'some secret'
            jobs: [2
            """);

        var result = await AssertRejectedAsync("run", pipeline);

        Outputs.Mentions(result, "broken.yaml:6:1: invalid YAML"); // the end of the file, where the unclosed [ of line 5 is found open
        Assert.DoesNotContain("rules.yaml", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_yaml_with_a_wrongly_indented_key_is_exit_2_naming_its_line()
    {
        var pipeline = _pipelines.Write("indented.yaml", $"""
            source: '{_databases.Uri(_source)}'
            target: '{_databases.Uri(_target)}'
            rules: rules.yaml
              secret: x
            jobs: 2
            """);

        var result = await AssertRejectedAsync("run", pipeline);

        Outputs.Mentions(result, "indented.yaml:4:");
    }

    [Fact]
    public async Task An_unknown_generator_is_exit_2_suggesting_the_right_name()
    {
        _pipelines.Write("rules.yaml", GoodRules.Replace("name: name.firstName", "name: name.frist_name", StringComparison.Ordinal));

        foreach (var command in new[] { "run", "check" })
        {
            var result = await AssertRejectedAsync(command, Pipeline());

            Outputs.Mentions(result, "name.frist_name");
            Outputs.Mentions(result, "name.firstName");
            Outputs.Mentions(result, "rules.yaml:6:");
        }
    }

    [Fact]
    public async Task An_unset_environment_variable_is_exit_2_naming_it()
    {
        var variable = "DEVDBSEED_TEST_UNSET_" + _databases.Prefix.Trim('_').ToUpperInvariant();
        Assert.Null(Environment.GetEnvironmentVariable(variable));
        var pipeline = _pipelines.Write("env.yaml", $$"""
            source: '{{_databases.Uri(_source)}}'
            target: ${{{variable}}}
            rules: rules.yaml
            secret: 'some secret'
            """);

        var result = await AssertRejectedAsync("run", pipeline);

        Outputs.Mentions(result, variable);
    }

    [Fact]
    public async Task Zero_jobs_is_exit_2()
    {
        var result = await AssertRejectedAsync("run", Pipeline(), "--jobs", "0");

        Outputs.Mentions(result, "--jobs");
    }

    [Fact]
    public async Task Zero_jobs_in_the_pipeline_file_is_exit_2()
    {
        var result = await AssertRejectedAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target), jobs: 0, name: "zero.yaml"));

        Outputs.Mentions(result, "zero.yaml:");
    }

    [Fact]
    public async Task A_misspelt_key_in_the_rules_is_exit_2_naming_its_line_and_the_right_key()
    {
        _pipelines.Write("rules.yaml", GoodRules.Replace("    columns:", "    colums:", StringComparison.Ordinal));

        var result = await AssertRejectedAsync("check", Pipeline());

        Outputs.Mentions(result, "rules.yaml:4:");
        Outputs.Mentions(result, "colums");
        Outputs.Mentions(result, "columns");
    }

    [Fact]
    public async Task Missing_pg_dump_is_exit_2_naming_the_folder_and_leaves_everything_untouched()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_pipelines.Directory, "no-postgres-here")).FullName;
        var source = await _databases.StateAsync(_source);
        var target = await _databases.StateAsync(_target);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target), extra: $"pg_bin: '{empty}'"));

        Outputs.ExitCode(2, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"pg_dump and pg_restore were not found in pg_bin {empty}");
        Assert.Equal(source, await _databases.StateAsync(_source));
        Assert.Equal(target, await _databases.StateAsync(_target));
        Assert.Equal(databases, await _databases.OursAsync());
    }

    /// <summary>Runs devdbseed, expects exit 2 without a stack trace, and the source, target and server untouched.</summary>
    private async Task<Devdbseed.Result> AssertRejectedAsync(string command, string pipeline, params string[] options)
    {
        var source = await _databases.StateAsync(_source);
        var target = await _databases.StateAsync(_target);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync([command, pipeline, .. options]);

        Outputs.ExitCode(2, result);
        Outputs.NoStackTrace(result);
        Assert.Equal(source, await _databases.StateAsync(_source));
        Assert.Equal(target, await _databases.StateAsync(_target));
        Assert.Equal(databases, await _databases.OursAsync());
        return result;
    }

    private string Pipeline() => _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target));
}
