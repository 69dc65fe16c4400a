using DevDbSeed.Errors;

namespace DevDbSeed;

/// <summary>The checks of the .NET API's settings, at the edge: a setting that is wrong is a <see cref="ConfigurationException"/> naming it.</summary>
internal static class SettingChecks
{
    /// <summary><paramref name="value"/> must be set (not empty).</summary>
    /// <param name="value">The setting's value.</param>
    /// <param name="setting">How the message names it (<c>SampleOptions.Target</c>).</param>
    public static void Required(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException($"{setting} is not set");
        }
    }

    /// <summary><paramref name="value"/> must be from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static void InRange(int value, int min, int max, string setting)
    {
        if (value < min || value > max)
        {
            throw new ConfigurationException($"{setting} must be from {min} to {max} (it is {value})");
        }
    }
}
