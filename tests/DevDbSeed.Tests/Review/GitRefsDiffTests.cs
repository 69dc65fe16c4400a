using System.Diagnostics;
using DevDbSeed.Errors;
using DevDbSeed.Review;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Review;

/// <summary>
/// <c>rules diff main HEAD -- rules/ pipelines/</c>: a temporary git repository with two commits, every rules and pipeline
/// file under the paths read at both refs (<c>git show</c>), located by their repository paths.
/// </summary>
public sealed class GitRefsDiffTests : IDisposable
{
    private const string Rules = """
        version: 1
        tables:
          public.customer:
            columns:
              id: keep
              email: { fake: internet.email, unique: true }
          public.audit_log: empty
        """;

    private const string Pipeline = "source: ${PROD_URL}\ntarget: ${DEVDB_URL}\nrules: ../rules/shop.yaml\n";

    private readonly TempDirectory _repo = new();

    public GitRefsDiffTests()
    {
        Git("init", "--quiet", "--initial-branch=main");
        _repo.Write("rules/shop.yaml", Rules);
        _repo.Write("rules/old-only.yaml", "version: 1\ntables:\n  public.gone: keep\n");
        _repo.Write("pipelines/nightly.yaml", Pipeline);
        _repo.Write("deploy/cronjob.yaml", "kind: A\n---\nkind: B\n");
        Commit("the rules as reviewed");
        _repo.Write("rules/shop.yaml", Rules.Replace("email: { fake: internet.email, unique: true }", "email: keep", StringComparison.Ordinal));
        File.Delete(Path.Combine(_repo.Root, "rules", "old-only.yaml"));
        _repo.Write("rules/new-only.yaml", "# a new database\nversion: 1\ntables:\n  public.fresh: empty\n");
        _repo.Write("pipelines/nightly.yaml", Pipeline + "verify: false\n");
        Commit("a pull request");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Every_rules_and_pipeline_file_under_the_paths_is_compared_at_the_two_refs()
    {
        var result = await RulesDiffer.CompareAsync(new RulesDiffRequest("main~1", "HEAD", ["rules/", "pipelines", "deploy/"], _repo.Root), CancellationToken.None);

        Assert.Equal(
            [
                (ChangeKind.Weakened, "pipeline pipelines/nightly.yaml verify", "pipelines/nightly.yaml", 4),
                (ChangeKind.Weakened, "public.customer.email", "rules/shop.yaml", 6),
                (ChangeKind.Added, "public.fresh", "rules/new-only.yaml", 4),
                (ChangeKind.Removed, "public.gone", "rules/old-only.yaml", 3),
            ],
            result.Changes.Select(c => (c.Kind, c.Name, c.Location!.File, c.Location.Line)));
    }

    [Fact]
    public async Task The_same_ref_twice_has_no_change()
    {
        var result = await RulesDiffer.CompareAsync(new RulesDiffRequest("HEAD", "HEAD", ["rules/"], _repo.Root), CancellationToken.None);

        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task A_single_file_at_a_ref_is_named_ref_colon_path()
    {
        var result = await RulesDiffer.CompareAsync(new RulesDiffRequest("main~1:rules/shop.yaml", "HEAD:rules/shop.yaml", [], _repo.Root), CancellationToken.None);

        Assert.Equal("public.customer.email", Assert.Single(result.Changes).Name);
    }

    [Fact]
    public async Task An_unknown_ref_is_exit_2_in_one_line()
    {
        var failure = await Assert.ThrowsAsync<ConfigurationException>(() =>
            RulesDiffer.CompareAsync(new RulesDiffRequest("no-such-branch", "HEAD", ["rules/"], _repo.Root), CancellationToken.None));

        Assert.Equal(ExitCode.InvalidConfiguration, failure.ExitCode);
        Assert.Equal("unknown git ref 'no-such-branch' (git rev-parse finds no commit of that name)", failure.Message);
    }

    [Fact]
    public async Task A_rules_file_broken_at_a_ref_names_the_ref_and_its_position()
    {
        _repo.Write("rules/shop.yaml", "version: 1\ntables:\n  public.t: {\n");
        Commit("broken");

        var failure = await Assert.ThrowsAsync<ConfigurationException>(() =>
            RulesDiffer.CompareAsync(new RulesDiffRequest("main~1", "HEAD", ["rules/"], _repo.Root), CancellationToken.None));

        Assert.StartsWith("at HEAD: rules/shop.yaml:4:1: invalid YAML", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_with_no_yaml_file_at_either_ref_are_exit_2()
    {
        var failure = await Assert.ThrowsAsync<ConfigurationException>(() =>
            RulesDiffer.CompareAsync(new RulesDiffRequest("main~1", "HEAD", ["nothing-here/"], _repo.Root), CancellationToken.None));

        Assert.Equal("no YAML file under nothing-here/ at main~1 or HEAD", failure.Message);
    }

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message);
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }
}
