using System.CommandLine;
using DevDbSeed.Configuration;
using YamlDotNet.RepresentationModel;
using static DevDbSeed.Tests.Deploy.DeployExamples;
using CommandLine = DevDbSeed.Cli.Commands.Cli;

namespace DevDbSeed.Tests.Deploy;

/// <summary>
/// The scheduling examples in deploy/ (cron, systemd, Kubernetes, CI) run devdbseed with command lines the real command
/// tree accepts, on a pipeline that exists, with a summary, metrics and JSON logs; and each is set up the way its
/// scheduler needs for an unattended job (secrets out of the file, no overlapping runs, missed nights caught up, failures
/// reported).
/// </summary>
public sealed class DeployExamplesTests
{
    public static TheoryData<string> Examples => [Cron, SystemdService, Kubernetes, Ci];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_devdbseed_command_line_of_an_example_parses_with_the_real_command_tree(string example)
    {
        var commandLines = CommandLines(example);

        Assert.NotEmpty(commandLines);
        foreach (var arguments in commandLines)
        {
            var parse = CommandLine.Build(TextWriter.Null, TextWriter.Null).Parse([.. arguments]);
            Assert.True(parse.Errors.Count == 0,
                $"{example}: devdbseed {string.Join(' ', arguments)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.IsNotType<RootCommand>(parse.CommandResult.Command);
            Assert.Equal("run", parse.CommandResult.Command.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_runs_a_shipped_pipeline_with_a_summary_metrics_and_json_logs(string example)
    {
        foreach (var arguments in CommandLines(example))
        {
            var pipeline = arguments[1];
            var shipped = Path.IsPathRooted(pipeline) ? Shipped("deploy", Path.GetFileName(pipeline)) : Shipped(pipeline.Split('/'));
            Assert.True(File.Exists(shipped), $"{example} runs {pipeline}: no such pipeline in the repository ({shipped})");
            Assert.NotNull(ValueOf(arguments, "--summary"));
            Assert.NotNull(ValueOf(arguments, "--metrics"));
            Assert.Equal("json", ValueOf(arguments, "--log-format"));
        }
    }

    [Fact]
    public void The_pipeline_the_examples_install_is_a_valid_pipeline_naming_a_shipped_rules_file_and_its_secrets_from_the_environment()
    {
        var path = Shipped("deploy", "nightly.yaml");

        Assert.Empty(JsonSchemas.PipelineErrors(File.ReadAllText(path)));
        var pipeline = PipelineFile.Load(path);
        Assert.All(pipeline.RulesFiles, r => Assert.True(File.Exists(Shipped("rules", Path.GetFileName(r.FullPath))), $"no rules/{Path.GetFileName(r.FullPath)}"));
        Assert.Equal("${DEVDBSEED_SECRET}", pipeline.Secret!.Raw);
        Assert.Equal("${PROD_URL}", pipeline.Source!.Raw);
        Assert.Equal("${DEVDB_URL}", pipeline.Target!.Raw);
    }

    [Fact]
    public void The_cron_entry_runs_nightly_as_its_own_user_with_devdbseed_on_the_path_and_the_secrets_from_a_file()
    {
        var (environment, entries) = CronFile();

        var entry = Assert.Single(entries);
        Assert.All(entry.Schedule, field => Assert.Matches(@"^[0-9*,/-]+$", field));
        Assert.Matches(@"^\d+$", entry.Schedule[1]); // at a fixed hour: once a night
        Assert.NotEqual("root", entry.User);
        Assert.Contains("/opt/devdbseed", environment["PATH"].Split(':'));
        var sourced = ShellWords.Commands(entry.Command).Single(c => c[0] == ".");
        Assert.StartsWith("/etc/", sourced[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_systemd_service_takes_its_secrets_from_an_EnvironmentFile_and_reports_a_failure_through_a_hook_that_exists()
    {
        var service = Unit(SystemdService);

        Assert.Equal("oneshot", Assert.Single(service["Service.Type"]));
        Assert.StartsWith("/etc/", Assert.Single(service["Service.EnvironmentFile"]), StringComparison.Ordinal);
        Assert.NotEqual("root", Assert.Single(service["Service.User"]));
        var hook = Assert.Single(service["Unit.OnFailure"]);
        var template = System.Text.RegularExpressions.Regex.Replace(hook, "@[^.]*\\.service$", "@.service");
        Assert.True(File.Exists(Shipped("deploy", "systemd", template)), $"OnFailure={hook}: no deploy/systemd/{template}");
        var alert = Assert.Single(Unit($"systemd/{template}")["Service.ExecStart"]).Split(' ')[0];
        Assert.True(File.Exists(Shipped("deploy", "systemd", Path.GetFileName(alert))), $"the hook runs {alert}, which deploy/systemd does not ship");
    }

    [Fact]
    public void The_systemd_timer_is_persistent_and_starts_the_nightly_service()
    {
        var timer = Unit(SystemdTimer);

        Assert.Equal("true", Assert.Single(timer["Timer.Persistent"]));
        Assert.NotEmpty(Assert.Single(timer["Timer.OnCalendar"]));
        Assert.Equal(Path.GetFileName(SystemdService), Assert.Single(timer["Timer.Unit"]));
        Assert.Equal("timers.target", Assert.Single(timer["Install.WantedBy"]));
    }

    [Fact]
    public void The_kubernetes_cronjob_forbids_concurrent_runs_and_takes_the_secret_from_a_Secret_the_pipeline_from_a_ConfigMap_and_writes_to_a_volume()
    {
        var spec = Map(CronJob(), "spec");
        var container = Assert.Single(Containers());
        var arguments = Assert.Single(CommandLines(Kubernetes));

        Assert.Equal("Forbid", Scalar(spec, "concurrencyPolicy"));
        Assert.Equal(5, Scalar(spec, "schedule")!.Split(' ').Length);
        var secret = Sequence(container, "env").Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "DEVDBSEED_SECRET");
        Assert.NotNull(Scalar(Map(secret, "valueFrom", "secretKeyRef"), "name"));
        Assert.Null(Scalar(secret, "value"));
        Assert.Equal("configMap", VolumeAt(container, Path.GetDirectoryName(arguments[1])!));
        Assert.Equal("persistentVolumeClaim", VolumeAt(container, Path.GetDirectoryName(ValueOf(arguments, "--summary"))!));
        Assert.Equal("persistentVolumeClaim", VolumeAt(container, Path.GetDirectoryName(ValueOf(arguments, "--metrics"))!));
    }

    [Fact]
    public void The_ci_workflow_runs_on_a_schedule_one_at_a_time_with_the_secret_from_the_repository_secrets()
    {
        var workflow = Documents(Ci)[0];

        var schedule = Assert.Single(Sequence(Map(workflow, "on"), "schedule").Cast<YamlMappingNode>());
        Assert.Equal(5, Scalar(schedule, "cron")!.Split(' ').Length);
        Assert.NotNull(Scalar(Map(workflow, "concurrency"), "group"));
        var run = Steps().Single(s => Scalar(s, "run") is { } script && ShellWords.Commands(script).Any(c => Path.GetFileName(c[0]) == "devdbseed"));
        Assert.Equal("${{ secrets.DEVDBSEED_SECRET }}", Scalar(Map(run, "env"), "DEVDBSEED_SECRET"));
    }

    [Fact]
    public void The_rules_diff_workflow_runs_rules_diff_against_the_base_branch_on_pull_requests_touching_the_rules()
    {
        var workflow = Documents(RulesDiffCi)[0];
        var commandLines = CommandLines(RulesDiffCi);

        Assert.Contains("rules/**", Sequence(Map(workflow, "on", "pull_request"), "paths").Cast<YamlScalarNode>().Select(p => p.Value));
        Assert.NotEmpty(commandLines);
        foreach (var arguments in commandLines)
        {
            var parse = CommandLine.Build(TextWriter.Null, TextWriter.Null).Parse([.. arguments]);
            Assert.True(parse.Errors.Count == 0, $"devdbseed {string.Join(' ', arguments)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.Equal(["rules", "diff"], [parse.CommandResult.Command.Parents.OfType<Command>().Single().Name, parse.CommandResult.Command.Name]);
            Assert.Equal(["origin/$BASE_REF", "HEAD", "--", "rules/"], arguments.Skip(2).Take(4));
        }

        Assert.Contains(commandLines, a => a.SkipWhile(w => w != "--format").Skip(1).FirstOrDefault() == "sarif");
        Assert.Contains(commandLines, a => a.SkipWhile(w => w != "--format").Skip(1).FirstOrDefault() == "md");
        Assert.Single(Steps(RulesDiffCi), s => Scalar(s, "uses") is { } action && action.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        Assert.Contains(Steps(RulesDiffCi), s => Scalar(s, "if") == "steps.diff.outputs.exit_code == '3'" && Scalar(s, "run")!.Contains("exit 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Shell_words_split_commands_and_drop_quotes_redirections_exec_and_assignments()
    {
        var commands = ShellWords.Commands("""
            set -a && . '/etc/a b.env'; X=1 exec "$HOME/bin/devdbseed" run p.yaml \
              --summary "s \"q\".json" >>/var/log/x.log 2>&1 # a comment
            echo done | tee > out.txt
            """);

        Assert.Equal<IEnumerable<string>[]>(
            [["set", "-a"], [".", "/etc/a b.env"], ["$HOME/bin/devdbseed", "run", "p.yaml", "--summary", "s \"q\".json"], ["echo", "done"], ["tee"]],
            [.. commands]);
    }

    private static string? ValueOf(IReadOnlyList<string> arguments, string option)
    {
        var at = arguments.ToList().IndexOf(option);
        return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
    }

    /// <summary>The kind of the volume (configMap, persistentVolumeClaim, ...) the container mounts at <paramref name="directory"/>.</summary>
    private static string VolumeAt(YamlMappingNode container, string directory)
    {
        var mount = Sequence(container, "volumeMounts").Cast<YamlMappingNode>().Single(m => Scalar(m, "mountPath") == directory);
        var volume = Sequence(PodSpec(), "volumes").Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        return ((YamlScalarNode)volume.Children.Keys.Single(k => ((YamlScalarNode)k).Value != "name")).Value!;
    }
}
