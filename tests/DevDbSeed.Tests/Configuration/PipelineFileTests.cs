using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Configuration;

public sealed class PipelineFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_every_setting_of_the_documented_pipeline()
    {
        var path = _dir.Write("pipelines/nightly.yaml", """
            source: ${PROD_URL}        # read from the environment
            target: ${DEVDB_URL:-postgresql://localhost/dev}
            rules: ../rules/vca.yaml
            secret: ${DEVDBSEED_SECRET}
            jobs: 4
            terminate_connections: true
            keep_owners: yes
            keep_privileges: false
            pg_bin: /usr/lib/postgresql/15/bin
            """);

        var pipeline = PipelineFile.Load(path);

        Assert.Equal(path, pipeline.DisplayPath);
        Assert.Equal("postgresql://prod/app", pipeline.Source!.Expand(Env(("PROD_URL", "postgresql://prod/app"))));
        Assert.Equal("postgresql://localhost/dev", pipeline.Target!.Expand(Env()));
        Assert.Equal("postgresql://dev-box/dev", pipeline.Target.Expand(Env(("DEVDB_URL", "postgresql://dev-box/dev"))));
        Assert.Equal("k3y", pipeline.Secret!.Expand(Env(("DEVDBSEED_SECRET", "k3y"))));
        Assert.Equal(4, pipeline.Jobs);
        Assert.True(pipeline.TerminateConnections);
        Assert.True(pipeline.KeepOwners);
        Assert.False(pipeline.KeepPrivileges);
        Assert.Equal("/usr/lib/postgresql/15/bin", pipeline.PgBin!.Expand(Env()));
        var rules = Assert.Single(pipeline.RulesFiles);
        Assert.Equal(Path.Combine(_dir.Root, "rules", "vca.yaml"), rules.FullPath);
        Assert.Equal(new SourceLocation(path, 3, 8), rules.NamedAt);
    }

    [Fact]
    public void Values_stay_unexpanded_until_used()
    {
        var path = _dir.Write("p.yaml", "source: ${NOT_SET_ANYWHERE}\nrules: r.yaml\n");

        var pipeline = PipelineFile.Load(path);

        Assert.Equal("${NOT_SET_ANYWHERE}", pipeline.Source!.Raw);
    }

    [Fact]
    public void A_missing_variable_is_an_error_naming_it_and_its_file_line_and_column()
    {
        var path = _dir.Write("pipelines/nightly.yaml", "rules: r.yaml\nsource: ${PROD_URL}\ntarget: ${DEVDB_URL}\n");
        var pipeline = PipelineFile.Load(path);

        var error = Assert.Throws<ConfigurationException>(() => pipeline.Target!.Expand(Env(("PROD_URL", "x"))));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.StartsWith($"{path}:3:9: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("DEVDB_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_are_resolved_relative_to_the_pipeline_file_not_the_working_directory()
    {
        _dir.Write("config/rules/a.yaml", "version: 1\ntables:\n  public.a: keep\n");
        var path = _dir.Write("config/pipelines/p.yaml", "rules:\n  - ../rules/a.yaml\n  - b.yaml\n  - /etc/devdbseed/c.yaml\n");

        var pipeline = PipelineFile.Load(path);

        Assert.Equal(
            [Path.Combine(_dir.Root, "config", "rules", "a.yaml"), Path.Combine(_dir.Root, "config", "pipelines", "b.yaml"), "/etc/devdbseed/c.yaml"],
            pipeline.RulesFiles.Select(r => r.FullPath));
        Assert.Equal([2, 3, 4], pipeline.RulesFiles.Select(r => r.NamedAt.Line));
        Assert.True(File.Exists(pipeline.RulesFiles[0].FullPath));
    }

    [Fact]
    public void Rules_display_path_joins_the_pipeline_folder_and_the_path_as_written()
    {
        var path = _dir.Write("pipelines/p.yaml", "rules: ../rules/r.yaml\n");

        var pipeline = PipelineFile.Load(path);

        Assert.Equal(Path.Combine(_dir.Root, "pipelines", "../rules/r.yaml"), pipeline.RulesFiles[0].DisplayPath);
        Assert.Equal(Path.Combine(_dir.Root, "rules", "r.yaml"), pipeline.RulesFiles[0].FullPath);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("four")]
    [InlineData("2.5")]
    public void Jobs_outside_1_to_64_are_an_error(string jobs)
    {
        var path = _dir.Write("p.yaml", $"rules: r.yaml\njobs: {jobs}\n");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.StartsWith($"{path}:2:7: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("jobs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("64", 64)]
    public void Jobs_from_1_to_64_are_read(string jobs, int expected)
    {
        var path = _dir.Write("p.yaml", $"rules: r.yaml\njobs: {jobs}\n");

        Assert.Equal(expected, PipelineFile.Load(path).Jobs);
    }

    [Fact]
    public void Jobs_absent_is_left_to_the_command_line()
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\n");

        Assert.Null(PipelineFile.Load(path).Jobs);
    }

    [Theory]
    [InlineData("job: 4", "jobs")]
    [InlineData("rule: r.yaml", "rules")]
    [InlineData("sercet: x", "secret")]
    [InlineData("sources: x", "source")]
    [InlineData("terminate_connection: true", "terminate_connections")]
    public void Unknown_keys_are_rejected_with_the_closest_key(string line, string suggestion)
    {
        var path = _dir.Write("p.yaml", $"rules: r.yaml\n{line}\n");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.StartsWith($"{path}:2:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean {suggestion}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules: r.yaml\n")]
    [InlineData("rules: r.yaml\nsecret:\n")]
    [InlineData("rules: r.yaml\nsecret: ~\n")]
    [InlineData("rules: r.yaml\nsecret: null\n")]
    public void An_absent_or_null_secret_is_none(string yaml)
    {
        var path = _dir.Write("p.yaml", yaml);

        Assert.Null(PipelineFile.Load(path).Secret);
    }

    [Fact]
    public void A_pipeline_without_rules_is_an_error()
    {
        var path = _dir.Write("p.yaml", "source: x\n");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.Contains("names no rules file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_an_error_with_its_position()
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\nsource: [unclosed\n");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:\\d+:\\d+: invalid YAML", error.Message);
    }

    [Fact]
    public void An_empty_pipeline_file_is_an_error()
    {
        var path = _dir.Write("p.yaml", string.Empty);

        Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));
    }

    [Fact]
    public void A_missing_pipeline_file_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(Path.Combine(_dir.Root, "nope.yaml")));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    [Theory]
    [InlineData("terminate_connections: perhaps")]
    [InlineData("source: [a, b]")]
    [InlineData("rules: { a: b }")]
    public void Values_of_the_wrong_shape_are_errors(string line)
    {
        var path = _dir.Write("p.yaml", $"rules: r.yaml\n{line}\n");
        if (line.StartsWith("rules", StringComparison.Ordinal))
        {
            path = _dir.Write("p.yaml", line + "\n");
        }

        Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_snapshot_sign_key_without_a_snapshot_is_refused_where_it_is_set()
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\nsnapshot_sign_key: k.pem\n");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Contains("p.yaml:2:20: snapshot_sign_key signs the snapshot: file a run writes; the pipeline sets no snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_sign_key_is_read_with_the_snapshot()
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\nsnapshot: out.devdbseed\nsnapshot_sign_key: ${KEY}\n");

        var pipeline = PipelineFile.Load(path);

        Assert.Equal("/etc/k.pem", pipeline.SnapshotSignKey!.Expand(Env(("KEY", "/etc/k.pem"))));
    }

    [Fact]
    public void After_scripts_are_read_in_order_each_where_it_is_named_and_unexpanded()
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\nafter:\n  - post.sql\n  - ${SCRIPTS}/accounts.sql\n");

        var pipeline = PipelineFile.Load(path);

        Assert.Equal(["post.sql", "${SCRIPTS}/accounts.sql"], pipeline.AfterScripts!.Select(s => s.Raw));
        Assert.Equal([new SourceLocation(path, 3, 5), new SourceLocation(path, 4, 5)], pipeline.AfterScripts!.Select(s => s.Location));
    }

    [Theory]
    [InlineData("after: post.sql", "p.yaml:2:8: after must be a list of SQL files, relative to the pipeline (after: [post.sql]); a value found")]
    [InlineData("after:\n  file: post.sql", "p.yaml:3:3: after must be a list of SQL files, relative to the pipeline (after: [post.sql]); a mapping found")]
    [InlineData("after: [post.sql, [nested.sql]]", "p.yaml:2:19: an entry of after must be a single value (a list found)")]
    [InlineData("after: []", null)]
    public void After_scripts_of_the_wrong_shape_are_refused_where_they_are_written(string yaml, string? message)
    {
        var path = _dir.Write("p.yaml", "rules: r.yaml\n" + yaml + "\n");

        if (message is null)
        {
            Assert.Empty(PipelineFile.Load(path).AfterScripts!);
            return;
        }

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
    }
}
