using System.Text.Json;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>
/// <c>devdbseed rules diff OLD NEW</c> on files: the exit codes (3 weakened, 0 otherwise, 2 bad input, one line) and the four
/// formats, as the conformance kit and a CI job call it.
/// </summary>
public sealed class RulesDiffCommandTests : IDisposable
{
    private const string Old = """
        version: 1
        tables:
          public.film: keep
          public.customer:
            columns:
              customer_id: keep
              first_name: name.firstName
              email: { fake: internet.email, unique: true }   # unique in the data, not in the schema
              phone: { mask: { keep_last: 2 } }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string OldFile => _dir.Write("old.yaml", Old);

    private string NewFile => _dir.Write("new.yaml", Old
        .Replace("email: { fake: internet.email, unique: true }   # unique in the data, not in the schema", "email: keep", StringComparison.Ordinal)
        .Replace("first_name: name.firstName", "first_name: null", StringComparison.Ordinal));

    [Fact]
    public async Task A_unique_fake_that_becomes_keep_exits_3_and_names_the_column()
    {
        var (exitCode, output, error) = await RunAsync("rules", "diff", OldFile, NewFile);

        Assert.Equal(3, exitCode);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("weakened      public.customer.email: unique fake internet.email → keep (copied as it is now)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"{NewFile}:8:7", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("strengthened  public.customer.first_name: fake name.firstName → set to NULL", lines[1], StringComparison.Ordinal);
        Assert.Equal("1 weakened, 1 strengthened, 0 neutral, 0 added, 0 removed: the masking is weakened", lines[^1]);
    }

    [Fact]
    public async Task Two_identical_files_exit_0()
    {
        var copy = _dir.Write("same.yaml", Old);

        var (exitCode, output, _) = await RunAsync("rules", "diff", OldFile, copy);

        Assert.Equal(0, exitCode);
        Assert.Equal($"no change to the masking between {OldFile} and {copy}\n", output);
    }

    [Fact]
    public async Task Only_strengthened_changes_exit_0()
    {
        var stronger = _dir.Write("stronger.yaml", Old.Replace("public.film: keep", "public.film: empty", StringComparison.Ordinal));

        Assert.Equal(0, (await RunAsync("rules", "diff", OldFile, stronger)).ExitCode);
    }

    [Fact]
    public async Task Sarif_puts_each_weakening_on_its_line_in_the_new_file()
    {
        var (exitCode, output, _) = await RunAsync("rules", "diff", "--format", "sarif", OldFile, NewFile);

        Assert.Equal(3, exitCode);
        using var sarif = JsonDocument.Parse(output);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("devdbseed", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(rule.GetProperty("id").GetString(), result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Contains("public.customer.email", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal(new Uri(NewFile).AbsoluteUri, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(7, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public async Task Json_lists_every_change_with_stable_keys()
    {
        var (exitCode, output, _) = await RunAsync("rules", "diff", OldFile, NewFile, "--format", "json");

        Assert.Equal(3, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["formatVersion", "old", "new", "weakened", "counts", "changes"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("weakened").GetBoolean());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("strengthened").GetInt32());
        var first = root.GetProperty("changes")[0];
        Assert.Equal(["kind", "name", "before", "after", "reason", "location"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("weakened", first.GetProperty("kind").GetString());
        Assert.Equal("public.customer.email", first.GetProperty("name").GetString());
        Assert.Equal(8, first.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Markdown_has_a_summary_and_a_table_with_the_weakened_changes_first()
    {
        var (_, output, _) = await RunAsync("rules", "diff", OldFile, NewFile, "--format", "md");

        var lines = output.Split('\n');
        Assert.Equal("### devdbseed rules diff: :warning: 1 change weakens the masking", lines[0]);
        Assert.Contains("1 weakened, 1 strengthened, 0 neutral, 0 added, 0 removed.", lines[2], StringComparison.Ordinal);
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal("| Change | Name | Before | After | Why | Where |", rows[0]);
        Assert.StartsWith("| **weakened** | `public.customer.email` |", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("| strengthened | `public.customer.first_name` |", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_writes_the_file_and_keeps_the_exit_code()
    {
        var report = Path.Combine(_dir.Root, "diff.md");

        var (exitCode, output, error) = await RunAsync("rules", "diff", OldFile, NewFile, "--format", "md", "--output", report);

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("### devdbseed rules diff", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.StartsWith($"written: {report}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_may_follow_the_double_dash_as_git_users_write_them()
    {
        var (exitCode, output, _) = await RunAsync("rules", "diff", OldFile, NewFile, "--", "--format", "json");

        Assert.Equal(3, exitCode);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("formatVersion").GetInt32());
    }

    [Fact]
    public async Task Invalid_yaml_is_exit_2_at_its_file_line_and_column_in_one_line()
    {
        var broken = _dir.Write("broken.yaml", "version: 1\ntables:\n  public.t: [keep\n");

        var (exitCode, output, error) = await RunAsync("rules", "diff", OldFile, broken);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {broken}:4:", line, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown generator 'internet.emial'", "email: internet.emial")]
    [InlineData("unknown key 'colums'", "columns:")]
    public async Task A_rules_file_the_loader_rejects_is_exit_2_with_the_loaders_message(string message, string replacement)
    {
        var bad = _dir.Write("bad.yaml", Old.Replace(replacement.StartsWith("email", StringComparison.Ordinal)
            ? "email: { fake: internet.email, unique: true }"
            : "columns:", replacement.Replace("columns:", "colums:", StringComparison.Ordinal), StringComparison.Ordinal));

        var (exitCode, _, error) = await RunAsync("rules", "diff", OldFile, bad);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_exit_2_saying_how_to_compare_git_refs()
    {
        var (exitCode, _, error) = await RunAsync("rules", "diff", OldFile, Path.Combine(_dir.Root, "nope.yaml"));

        Assert.Equal(2, exitCode);
        Assert.Contains("no such file (to compare git refs: devdbseed rules diff REF REF -- rules/", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_after_the_double_dash_is_exit_2()
    {
        var (exitCode, _, error) = await RunAsync("rules", "diff", OldFile, NewFile, "--", "rules/", "--formt", "md");

        Assert.Equal(2, exitCode);
        Assert.Contains("'--formt' after --", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_that_turns_verification_off_is_weakened()
    {
        const string Pipeline = "source: ${PROD_URL}\ntarget: ${DEVDB_URL}\nrules: old.yaml\n";
        var before = _dir.Write("before.yaml", Pipeline);
        var after = _dir.Write("after.yaml", Pipeline + "verify: false\n");

        var (exitCode, output, _) = await RunAsync("rules", "diff", before, after);

        Assert.Equal(3, exitCode);
        Assert.StartsWith($"weakened      pipeline {after} verify: on → off", output, StringComparison.Ordinal);
        Assert.Contains($"{after}:4:1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_after_script_in_a_pipeline_is_listed_as_neutral()
    {
        const string Pipeline = "source: ${PROD_URL}\ntarget: ${DEVDB_URL}\nrules: old.yaml\n";
        var before = _dir.Write("before.yaml", Pipeline);
        var after = _dir.Write("after.yaml", Pipeline + "after: [dev-accounts.sql]\n");

        var (exitCode, output, _) = await RunAsync("rules", "diff", before, after);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"neutral       pipeline {after} after:  → dev-accounts.sql", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rules_file_compared_with_a_pipeline_file_is_exit_2()
    {
        var pipeline = _dir.Write("pipeline.yaml", "source: x\ntarget: y\nrules: old.yaml\n");

        var (exitCode, _, error) = await RunAsync("rules", "diff", OldFile, pipeline);

        Assert.Equal(2, exitCode);
        Assert.Contains("not the same kind of file", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await DevDbSeed.Cli.Commands.Cli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
