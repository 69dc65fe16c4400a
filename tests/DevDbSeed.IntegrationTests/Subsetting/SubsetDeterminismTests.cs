using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// The same original gets the same masked value whether or not the copy is a subset, even for a unique column whose
/// masked values collide: a full run repairs the collisions among all the source's originals, and a subset must repair
/// exactly those, not only the ones among the rows it copies (a short hash of 300 codes, 10,000 possible values).
/// </summary>
public sealed class SubsetDeterminismTests(SubsetDeterminismTests.Runs runs) : IClassFixture<SubsetDeterminismTests.Runs>
{
    [Fact]
    public void The_full_run_repairs_collisions_of_the_unique_column()
    {
        Outputs.ExitCode(0, runs.Full);
        Outputs.Mentions(runs.Full, "public.members.code: ");
        Outputs.Mentions(runs.Full, "shared by distinct originals; repairing");
    }

    [Fact]
    public async Task Every_copied_member_has_the_code_a_full_run_gives_it()
    {
        Outputs.ExitCode(0, runs.Subset.Result);
        var full = await runs.Databases.MapAsync(runs.FullTarget, "SELECT id::text, code FROM members");
        var copied = await runs.Databases.MapAsync(runs.Subset.Target, "SELECT id::text, code FROM members");

        Assert.Equal(100, copied.Count);
        Assert.All(copied, member => Assert.True(full[member.Key] == member.Value,
            $"member {member.Key}: {member.Value} in the subset, {full[member.Key]} in the full run"));
    }

    /// <summary>300 members with unique codes masked by a 4-digit hash, copied whole and as every third member.</summary>
    public sealed class Runs : SubsetSource
    {
        public Devdbseed.Result Full { get; private set; } = null!;

        public string FullTarget { get; private set; } = null!;

        public SubsetRun Subset { get; private set; } = null!;

        protected override async Task<string> CreateSourceAsync()
        {
            Pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.members:
                    columns:
                      id: keep
                      code: { hash: { length: 4, alphabet: digits } }
                """);
            return await Databases.CreateAsync("members", """
                CREATE TABLE members (id int PRIMARY KEY, code text NOT NULL UNIQUE);
                INSERT INTO members SELECT i, 'M-' || i FROM generate_series(1, 300) i;
                ANALYZE;
                """);
        }

        protected override async Task RunAsync()
        {
            FullTarget = Databases.Name("full");
            Full = await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(FullTarget), name: "full.yaml"));
            Subset = await SubsetAsync("third", """  public.members: { where: "id % 3 = 0" }""");
        }
    }
}
