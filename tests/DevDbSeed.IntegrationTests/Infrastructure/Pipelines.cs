namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Writes pipeline and rules files for a test into a temporary folder.</summary>
public sealed class Pipelines : IDisposable
{
    public const string Secret = "integration-test-secret-2f8a";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("devdbseed-test-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A pipeline file naming <paramref name="rulesFile"/> (relative to the folder) and literal connections.</summary>
    public string Pipeline(string source, string target, string rulesFile = "rules.yaml", int jobs = 2, string? secret = Secret, string extra = "", string name = "pipeline.yaml") =>
        Write(name, $"""
            source: '{source.Replace("'", "''", StringComparison.Ordinal)}'
            target: '{target.Replace("'", "''", StringComparison.Ordinal)}'
            rules: {rulesFile}
            {(secret is null ? string.Empty : $"secret: '{secret}'")}
            jobs: {jobs}
            {extra}
            """);

    /// <summary>A pipeline file reading the backup <paramref name="backup"/> (a path or glob) instead of a live source.</summary>
    public string BackupPipeline(string backup, string target, string rulesFile = "rules.yaml", string extra = "", string name = "backup.yaml") =>
        Write(name, $"""
            source_backup: '{backup.Replace("'", "''", StringComparison.Ordinal)}'
            target: '{target.Replace("'", "''", StringComparison.Ordinal)}'
            rules: {rulesFile}
            secret: '{Secret}'
            jobs: 2
            {extra}
            """);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
