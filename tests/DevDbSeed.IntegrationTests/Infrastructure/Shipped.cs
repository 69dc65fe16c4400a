namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>The rules and pipelines the repository ships (rules/, pipelines/), copied into the test output under Shipped/.</summary>
public static class Shipped
{
    /// <summary>rules/vca.yaml: the rules for the Vibe Code Academy sample.</summary>
    public static string VcaRules => Path.Combine(AppContext.BaseDirectory, "Shipped", "rules", "vca.yaml");

    /// <summary>pipelines/after/dev-accounts.sql: the example after script for the sample (test logins, mail off).</summary>
    public static string DevAccountsScript => Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines", "after", "dev-accounts.sql");
}
