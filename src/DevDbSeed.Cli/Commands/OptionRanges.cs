using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// Range checks of numeric options, the same on every command: a value outside its range is a parse error, printed
/// as one line (<c>devdbseed: --sample must be from 0 to 1000000</c>) with exit 2 before the command runs.
/// </summary>
internal static class OptionRanges
{
    /// <summary>Accepts <paramref name="option"/>'s value only from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result => Check(result, min, max));
        return option;
    }

    /// <summary>Accepts <paramref name="option"/>'s value, when given, only from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> InRange(this Option<int?> option, int min, int max)
    {
        option.Validators.Add(result => Check(result, min, max));
        return option;
    }

    /// <summary>
    /// Reads the value from the option's token, not with <c>GetValue</c>: validators also run after a token failed to
    /// convert (<c>--sample abc</c>), when <c>GetValue</c> throws; the parser reports that error itself. A default
    /// value has no token and is in range.
    /// </summary>
    private static void Check(OptionResult result, int min, int max)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && (value < min || value > max))
        {
            result.AddError($"{result.Option.Name} must be from {min} to {max}");
        }
    }
}
