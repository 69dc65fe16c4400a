using System.Globalization;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Review;

/// <summary>A pipeline file as its side of a diff read it, and where each of its top-level keys is written.</summary>
public sealed record PipelineDocument(string Path, PipelineFile Pipeline, IReadOnlyDictionary<string, SourceLocation> Keys)
{
    /// <summary>Reads a parsed pipeline file (every mistake exit 2, as <c>run</c> reports it).</summary>
    public static PipelineDocument Of(YamlFile file)
    {
        var pipeline = PipelineFile.Load(file);
        var keys = ((YamlMappingNode)file.Root!).Children
            .Where(e => e.Key is YamlScalarNode { Value: not null })
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => file.At(e.Key), StringComparer.Ordinal);
        return new PipelineDocument(file.DisplayPath, pipeline, keys);
    }

    /// <summary>Where <paramref name="key"/> is written, or the file's start.</summary>
    public SourceLocation At(string key) => Keys.GetValueOrDefault(key) ?? new SourceLocation(Path, 1, 1);
}

/// <summary>
/// Compares two versions of a pipeline file for what protects the data: verification turned off, or made to look at
/// fewer values, is weakened; the reverse strengthened; other rules files named is neutral (compare those files too), and
/// so are other <c>after:</c> scripts (the verification after them checks what they write).
/// </summary>
public static class PipelineComparer
{
    public static IEnumerable<RuleChange> Compare(PipelineDocument before, PipelineDocument after)
    {
        var name = $"pipeline {after.Path}";
        var (was, now) = (before.Pipeline.Verify, after.Pipeline.Verify);
        var at = after.At("verify");
        if (was.Enabled != now.Enabled)
        {
            yield return now.Enabled
                ? new RuleChange(ChangeKind.Strengthened, $"{name} verify", "off", "on", "runs verify again before the swap", at)
                : new RuleChange(ChangeKind.Weakened, $"{name} verify", "on", "off", "runs no longer prove that no original reached the new database", at);
        }

        if (now.Enabled && was.Enabled)
        {
            if (Change($"{name} verify.sample", was.SamplePerColumn, now.SamplePerColumn, largerIsStronger: true, "originals looked for per column", at) is { } sample)
            {
                yield return sample;
            }

            if (Change($"{name} verify.min_length", was.MinLength, now.MinLength, largerIsStronger: false, "shortest value looked for", at) is { } minLength)
            {
                yield return minLength;
            }
        }

        var oldRules = before.Pipeline.RulesFiles.Select(r => r.DisplayPath).ToList();
        var newRules = after.Pipeline.RulesFiles.Select(r => r.DisplayPath).ToList();
        if (!oldRules.SequenceEqual(newRules, StringComparer.Ordinal))
        {
            yield return new RuleChange(ChangeKind.Neutral, $"{name} rules", string.Join(", ", oldRules), string.Join(", ", newRules),
                "other rules files: compare those files too", after.At("rules"));
        }

        var oldScripts = (before.Pipeline.AfterScripts ?? []).Select(s => s.Raw).ToList();
        var newScripts = (after.Pipeline.AfterScripts ?? []).Select(s => s.Raw).ToList();
        if (!oldScripts.SequenceEqual(newScripts, StringComparer.Ordinal))
        {
            yield return new RuleChange(ChangeKind.Neutral, $"{name} after", string.Join(", ", oldScripts), string.Join(", ", newScripts),
                "other after: scripts: they write in the new database before its verification, which checks what they write; read what they do",
                after.At("after"));
        }
    }

    private static RuleChange? Change(string name, int before, int after, bool largerIsStronger, string what, SourceLocation at)
    {
        if (before == after)
        {
            return null;
        }

        var stronger = (after > before) == largerIsStronger;
        var (b, a) = (before.ToString(CultureInfo.InvariantCulture), after.ToString(CultureInfo.InvariantCulture));
        return new RuleChange(stronger ? ChangeKind.Strengthened : ChangeKind.Weakened, name, b, a, $"{what}: {b} → {a}", at);
    }
}
