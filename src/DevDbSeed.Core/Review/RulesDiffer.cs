using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Review;

/// <summary>What <c>rules diff</c> compares.</summary>
/// <param name="Old">The old rules or pipeline file; with <paramref name="Paths"/>, a git ref.</param>
/// <param name="New">The new one; with <paramref name="Paths"/>, a git ref.</param>
/// <param name="Paths">Files or folders in the repository (after <c>--</c>): every YAML file under them is compared at both refs.</param>
/// <param name="Directory">Where relative paths and the git repository are found.</param>
public sealed record RulesDiffRequest(string Old, string New, IReadOnlyList<string> Paths, string Directory);

/// <summary>
/// <c>devdbseed rules diff</c>: reads both sides (two files, <c>REF:PATH</c>, or every YAML file under paths at two git
/// refs), parses them with the product's own loaders (so a comment or a reformatting changes nothing) and classifies every
/// change. Anything it cannot read is exit 2, one line at file:line:column.
/// </summary>
public static class RulesDiffer
{
    private static readonly string[] RulesKeys = ["version", "locale", "tables"];
    private static readonly string[] PipelineKeys = ["source", "source_backup", "target", "rules", "verify"];

    public static async Task<RulesDiffResult> CompareAsync(RulesDiffRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<SideFile> before, after;
        if (request.Paths.Count > 0)
        {
            var git = new GitRevisions(request.Directory);
            before = await GitSideAsync(git, request.Old, request.Paths, cancellationToken);
            after = await GitSideAsync(git, request.New, request.Paths, cancellationToken);
            if (before.Count == 0 && after.Count == 0)
            {
                throw new ConfigurationException($"no YAML file under {string.Join(", ", request.Paths)} at {request.Old} or {request.New}");
            }
        }
        else
        {
            before = [await FileSideAsync(request.Old, request.Directory, cancellationToken)];
            after = [await FileSideAsync(request.New, request.Directory, cancellationToken)];
        }

        var (oldRules, oldPipelines) = Read(before, strict: request.Paths.Count == 0);
        var (newRules, newPipelines) = Read(after, strict: request.Paths.Count == 0);
        if (request.Paths.Count == 0 && oldRules.Count != newRules.Count)
        {
            throw new ConfigurationException($"{request.Old} and {request.New} are not the same kind of file: compare two rules files or two pipeline files");
        }

        var changes = TableComparer.Compare(oldRules, newRules)
            .Concat(Pipelines(oldPipelines, newPipelines, byPath: request.Paths.Count > 0));
        return new RulesDiffResult(request.Old, request.New, RulesDiffResult.Ordered(changes));
    }

    /// <summary>One file of one side: its path as shown, its text, and the git ref it was read at (null for a file on disk).</summary>
    private sealed record SideFile(string Path, string Text, string? Reference);

    private static async Task<SideFile> FileSideAsync(string argument, string directory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(argument, directory);
        if (File.Exists(full))
        {
            try
            {
                return new SideFile(argument, await File.ReadAllTextAsync(full, cancellationToken), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"{argument}: cannot read the file: {e.Message}", e);
            }
        }

        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < argument.Length - 1)
        {
            var (reference, path) = (argument[..colon], argument[(colon + 1)..]);
            var git = new GitRevisions(directory);
            await git.CheckAsync(reference, cancellationToken);
            return new SideFile(path, await git.ReadAsync(reference, path, cancellationToken), reference);
        }

        throw new ConfigurationException($"{argument}: no such file (to compare git refs: devdbseed rules diff REF REF -- rules/, or REF:path/to/rules.yaml)");
    }

    private static async Task<IReadOnlyList<SideFile>> GitSideAsync(GitRevisions git, string reference, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        await git.CheckAsync(reference, cancellationToken);
        var files = new List<SideFile>();
        foreach (var path in await git.ListAsync(reference, paths, cancellationToken))
        {
            if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(new SideFile(path, await git.ReadAsync(reference, path, cancellationToken), reference));
            }
        }

        return files;
    }

    /// <summary>
    /// Parses each file as a rules file or a pipeline file, told apart by their keys. Not strict (a folder at a git ref),
    /// a YAML file that is neither is left out; strict (files named one by one), it is read as rules, whose loader says what is wrong.
    /// </summary>
    private static (List<RulesDocument> Rules, List<PipelineDocument> Pipelines) Read(IReadOnlyList<SideFile> files, bool strict)
    {
        var rules = new List<RulesDocument>();
        var pipelines = new List<PipelineDocument>();
        foreach (var file in files)
        {
            if (!strict && IsMultiDocument(file.Text))
            {
                continue; // a Kubernetes manifest or the like: never a rules or pipeline file
            }

            try
            {
                var yaml = YamlFile.Parse(file.Text, Path.GetFullPath(file.Path), file.Path);
                var keys = yaml.Root is YamlMappingNode root
                    ? root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal)
                    : [];
                if (keys.Overlaps(PipelineKeys) && !keys.Overlaps(RulesKeys))
                {
                    pipelines.Add(PipelineDocument.Of(yaml));
                }
                else if (strict || keys.Overlaps(RulesKeys))
                {
                    rules.Add(new RulesDocument(file.Path, RulesLoader.Parse(file.Text, file.Path).Tables));
                }
            }
            catch (ConfigurationException e) when (file.Reference is not null)
            {
                throw new ConfigurationException($"at {file.Reference}: {e.Message}", e);
            }
        }

        return (rules, pipelines);
    }

    private static bool IsMultiDocument(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false; // YamlFile.Parse says where
        }

        return stream.Documents.Count > 1;
    }

    private static IEnumerable<RuleChange> Pipelines(List<PipelineDocument> before, List<PipelineDocument> after, bool byPath)
    {
        if (!byPath)
        {
            return before.Zip(after).SelectMany(p => PipelineComparer.Compare(p.First, p.Second));
        }

        var was = before.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var now = after.ToDictionary(p => p.Path, StringComparer.Ordinal);
        return was.Keys.Union(now.Keys, StringComparer.Ordinal).SelectMany(path => (was.GetValueOrDefault(path), now.GetValueOrDefault(path)) switch
        {
            ({ } b, null) => [new RuleChange(ChangeKind.Removed, $"pipeline {path}", "a pipeline", null, "the pipeline file is gone", new SourceLocation(path, 1, 1))],
            (null, { } a) when !a.Pipeline.Verify.Enabled =>
                [new RuleChange(ChangeKind.Weakened, $"pipeline {path} verify", null, "off", "a new pipeline file whose runs do not verify", a.At("verify"))],
            (null, _) => [new RuleChange(ChangeKind.Added, $"pipeline {path}", null, "a pipeline", "a new pipeline file", new SourceLocation(path, 1, 1))],
            var (b, a) => PipelineComparer.Compare(b!, a!),
        });
    }
}
