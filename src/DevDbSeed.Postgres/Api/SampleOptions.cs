using System.Text;

namespace DevDbSeed;

/// <summary>What <see cref="Seeder.CreateSampleAsync"/> creates: the Vibe Code Academy sample "production" database.</summary>
public sealed record SampleOptions
{
    /// <summary>The users of a sample unless said otherwise.</summary>
    public const int DefaultUsers = 10_000;

    /// <summary>The most users a sample may have.</summary>
    public const int MaxUsers = 100_000_000;

    /// <summary>The database to create: a <c>postgresql://</c> URI or an Npgsql keyword string naming it.</summary>
    public required string Target { get; init; }

    /// <summary>How many users (about 15 rows each over all tables): 1 to <see cref="MaxUsers"/>.</summary>
    public int Users { get; init; } = DefaultUsers;

    /// <summary>Drop the database first when it exists; otherwise an existing one is a <see cref="Errors.ConfigurationException"/>.</summary>
    public bool Replace { get; init; }

    /// <summary>The target without its password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Target = {PipelineOptions.Redacted(Target)}, Users = {Users}, Replace = {Replace}");
        return true;
    }
}
