namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: the people source masked once into a dev copy (<see cref="Masked"/>), packaged by <c>snapshot create</c>
/// as a signed file (<see cref="Signed"/>, with <see cref="PrivateKey"/>) and an unsigned one (<see cref="Unsigned"/>), next to
/// the signing key's public key and the public key of another pair made by <c>snapshot key create</c>. Tests copy the
/// files before changing them; each restores into targets of its own (<see cref="TestDatabases.Name"/>).
/// </summary>
public sealed class PublishedSnapshot : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();

    public TestDatabases Databases { get; private set; } = null!;

    /// <summary>The masked copy the files package; the target that refusals must leave untouched.</summary>
    public string Masked { get; private set; } = null!;

    public string Folder => _pipelines.Directory;

    public string Signed => Path.Combine(Folder, "signed.devdbseed");

    public string Unsigned => Path.Combine(Folder, "unsigned.devdbseed");

    public string PrivateKey => Path.Combine(Folder, "snapshots.key.pem");

    public string PublicKey => Path.Combine(Folder, "snapshots.pub.pem");

    public string OtherPublicKey => Path.Combine(Folder, "other.pub.pem");

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            var source = await Databases.CreateAsync("src", People.Schema);
            Masked = Databases.Name("published");
            _pipelines.Write("rules.yaml", People.Rules);
            Succeeds(await Devdbseed.RunAsync("run", _pipelines.Pipeline(Databases.Uri(source), Databases.Uri(Masked))));
            Succeeds(await Devdbseed.RunAsync("snapshot", "key", "create", "--private-key", PrivateKey, "--public-key", PublicKey));
            Succeeds(await Devdbseed.RunAsync("snapshot", "key", "create", "--private-key", Path.Combine(Folder, "other.key.pem"), "--public-key", OtherPublicKey));
            Succeeds(await Devdbseed.RunAsync("snapshot", "create", "--from", Databases.Uri(Masked), "--output", Signed, "--sign", PrivateKey));
            Succeeds(await Devdbseed.RunAsync("snapshot", "create", "--from", Databases.Uri(Masked), "--output", Unsigned));
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        _pipelines.Dispose();
    }

    /// <summary>A new empty folder inside <see cref="Folder"/> (for copies of the files, or as a restore's --temp-dir).</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8])).FullName;

    private static void Succeeds(Devdbseed.Result result) =>
        Assert.True(result.ExitCode == 0, $"setting up the published snapshot failed:\n{result}");
}
