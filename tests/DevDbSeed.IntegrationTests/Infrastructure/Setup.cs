namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Setup that cleans up after itself when it fails.</summary>
public static class Setup
{
    /// <summary>
    /// Runs the rest of an <see cref="IAsyncLifetime.InitializeAsync"/>; if it throws, disposes the test class or fixture
    /// before failing. xunit 2 does not call DisposeAsync after a failed InitializeAsync, so without this the databases
    /// created so far would stay on the server.
    /// </summary>
    public static async Task OrDisposeAsync(this IAsyncLifetime lifetime, Func<Task> prepare)
    {
        try
        {
            await prepare();
        }
        catch
        {
            await lifetime.DisposeAsync();
            throw;
        }
    }
}
