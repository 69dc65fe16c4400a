using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Tests.Deploy;

/// <summary>
/// The deploy/ examples as shipped (copied to Shipped/deploy with rules/ and pipelines/ beside them), read the way their
/// programs read them: cron.d entries by fields, systemd units as sections of Key=Value lines, Kubernetes and GitHub
/// Actions files as YAML; and the devdbseed command lines each one runs.
/// </summary>
internal static partial class DeployExamples
{
    public const string Cron = "cron/devdbseed";
    public const string SystemdService = "systemd/devdbseed-nightly.service";
    public const string SystemdTimer = "systemd/devdbseed-nightly.timer";
    public const string Kubernetes = "kubernetes/cronjob.yaml";
    public const string Ci = "ci/nightly.yml";
    public const string RulesDiffCi = "ci/rules-diff.yml";

    /// <summary>The shipped repository files the tests see: Shipped/deploy, Shipped/pipelines, Shipped/rules.</summary>
    public static string Shipped(params string[] path) => Path.Combine([AppContext.BaseDirectory, "Shipped", .. path]);

    public static string Text(string example) => File.ReadAllText(Shipped("deploy", example));

    /// <summary>Every devdbseed command line the example runs, without the program: <c>["run", "PIPELINE", ...]</c>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> CommandLines(string example)
    {
        IEnumerable<IReadOnlyList<string>> commands = example switch
        {
            Cron => CronEntries().SelectMany(e => ShellWords.Commands(e.Command)),
            SystemdService => Unit(SystemdService)["Service.ExecStart"].SelectMany(ShellWords.Commands),
            Kubernetes => Containers().Select(c => (IReadOnlyList<string>)[.. Strings(c, "command"), .. Strings(c, "args")]),
            Ci or RulesDiffCi => Steps(example).Select(s => Scalar(s, "run")).OfType<string>().SelectMany(ShellWords.Commands),
            _ => throw new ArgumentException($"no such example: {example}", nameof(example)),
        };
        return [.. commands.Where(c => c.Count > 0 && Path.GetFileName(c[0]) == "devdbseed").Select(c => c.Skip(1).ToList())];
    }

    /// <summary>A cron.d file: its <c>NAME=value</c> lines and its entries (five time fields, a user, the command).</summary>
    public static (Dictionary<string, string> Environment, List<CronEntry> Entries) CronFile()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<CronEntry>();
        foreach (var line in Text(Cron).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (CronVariable().Match(line) is { Success: true } variable)
            {
                environment[variable.Groups["name"].Value] = variable.Groups["value"].Value;
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], 7, StringSplitOptions.RemoveEmptyEntries);
            Assert.True(fields.Length == 7, $"not a cron.d entry (five time fields, a user, a command): {line}");
            entries.Add(new CronEntry(fields[..5], fields[5], fields[6]));
        }

        return (environment, entries);
    }

    public static List<CronEntry> CronEntries() => CronFile().Entries;

    /// <summary>A systemd unit file: every value by <c>Section.Key</c> (a key may be given more than once).</summary>
    public static ILookup<string, string> Unit(string example)
    {
        var entries = new List<(string Key, string Value)>();
        var section = string.Empty;
        foreach (var line in Text(example).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()))
        {
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"{example}: not a Key=Value line: {line}");
            entries.Add(($"{section}.{line[..equals].Trim()}", line[(equals + 1)..].Trim()));
        }

        return entries.ToLookup(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>Every YAML document of an example.</summary>
    public static List<YamlMappingNode> Documents(string example)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Text(example)));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    /// <summary>The Kubernetes CronJob.</summary>
    public static YamlMappingNode CronJob() => Assert.Single(Documents(Kubernetes), d => Scalar(d, "kind") == "CronJob");

    /// <summary>The CronJob's pod spec.</summary>
    public static YamlMappingNode PodSpec() => Map(CronJob(), "spec", "jobTemplate", "spec", "template", "spec");

    public static IEnumerable<YamlMappingNode> Containers() => Sequence(PodSpec(), "containers").Cast<YamlMappingNode>();

    /// <summary>Every step of every job of a CI workflow (the nightly one unless named).</summary>
    public static IEnumerable<YamlMappingNode> Steps(string workflow = Ci) =>
        Map(Documents(workflow)[0], "jobs").Children.Values.Cast<YamlMappingNode>().SelectMany(j => Sequence(j, "steps").Cast<YamlMappingNode>());

    /// <summary>The mapping at <paramref name="path"/> (fails the test when it is not there).</summary>
    public static YamlMappingNode Map(YamlMappingNode node, params string[] path)
    {
        foreach (var key in path)
        {
            Assert.True(node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode, $"no mapping '{key}' in {node}");
            node = (YamlMappingNode)child;
        }

        return node;
    }

    public static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence ? sequence.Children : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<string> Strings(YamlMappingNode node, string key) => Sequence(node, key).Cast<YamlScalarNode>().Select(s => s.Value!);

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>.*)$")]
    private static partial Regex CronVariable();
}

/// <summary>One cron.d entry.</summary>
internal sealed record CronEntry(string[] Schedule, string User, string Command);
