using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.AfterScripts;

/// <summary>An SQL file a pipeline's <c>after:</c> names: its resolved path, the path to show, and where the pipeline names it (null when set in code).</summary>
public sealed record AfterScriptReference(string FullPath, string DisplayPath, SourceLocation? NamedAt)
{
    /// <summary>
    /// The pipeline's <c>after:</c> entries, expanded, shown relative to the current directory as its rules files are; an
    /// entry that expands to nothing (<c>${VAR:-}</c>) is left out. <paramref name="why"/>: a variable that is not set, said
    /// when the scripts are needed (run, check).
    /// </summary>
    public static List<AfterScriptReference> Of(PipelineFile pipeline, Func<string, string?> environment, out string? why)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var scripts = new List<AfterScriptReference>();
        why = null;
        foreach (var entry in pipeline.AfterScripts ?? [])
        {
            if (!entry.TryExpand(environment, out var relative, out var missing))
            {
                why ??= $"{entry.Location}: environment variable {missing} is not set";
            }
            else if (relative.Length > 0)
            {
                var display = Path.IsPathRooted(relative) ? relative : Path.Combine(Path.GetDirectoryName(pipeline.DisplayPath) ?? string.Empty, relative);
                scripts.Add(new AfterScriptReference(Path.GetFullPath(Path.Combine(pipeline.Directory, relative)), display, entry.Location));
            }
        }

        return scripts;
    }
}
