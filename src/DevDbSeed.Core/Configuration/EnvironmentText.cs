using System.Text;
using DevDbSeed.Errors;

namespace DevDbSeed.Configuration;

/// <summary>
/// A pipeline value that may hold <c>${VAR}</c> references (or <c>${VAR:-default}</c>), expanded from the
/// environment only when the value is used, so that a value the command line overrides needs no variable.
/// </summary>
public sealed record EnvironmentText(string Raw, SourceLocation Location)
{
    /// <summary>Expands the references; a variable that is not set is an error naming it (exit 2).</summary>
    public string Expand(Func<string, string?> environment) =>
        TryExpand(environment, out var value, out var missing)
            ? value
            : throw new ConfigurationException(Location, $"environment variable {missing} is not set");

    /// <summary>Expands the references; false with the first missing variable's name when one is not set.</summary>
    public bool TryExpand(Func<string, string?> environment, out string value, out string? missingVariable)
    {
        var result = new StringBuilder(Raw.Length);
        missingVariable = null;
        var i = 0;
        while (i < Raw.Length)
        {
            var start = Raw.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(Raw, i, Raw.Length - i);
                break;
            }

            result.Append(Raw, i, start - i);
            var end = Raw.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw new ConfigurationException(Location, $"unclosed '${{' in '{Raw}'");
            }

            var reference = Raw[(start + 2)..end];
            var separator = reference.IndexOf(":-", StringComparison.Ordinal);
            var name = separator < 0 ? reference : reference[..separator];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ConfigurationException(Location, $"'${{{reference}}}' is not a valid variable reference (use ${{NAME}} or ${{NAME:-default}})");
            }

            var found = environment(name);
            if (string.IsNullOrEmpty(found) && separator >= 0)
            {
                found = reference[(separator + 2)..];
            }

            if (found is null)
            {
                missingVariable ??= name;
            }

            result.Append(found);
            i = end + 1;
        }

        value = result.ToString();
        return missingVariable is null;
    }
}
