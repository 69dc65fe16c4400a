namespace DevDbSeed.Running;

/// <summary>Hears what a command does as it goes (<see cref="RunEvent"/>). Called from several threads: implementations synchronise.</summary>
public interface IRunObserver
{
    void OnEvent(RunEvent runEvent);
}

/// <summary>An observer that hears nothing.</summary>
public sealed class SilentObserver : IRunObserver
{
    public static SilentObserver Instance { get; } = new();

    public void OnEvent(RunEvent runEvent)
    {
    }
}
