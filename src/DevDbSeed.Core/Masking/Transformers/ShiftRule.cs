using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ shift: { days: 30 } }</c>: moves a date or timestamp by a keyed number of days in [-30, 30], never 0.
/// The same original always moves the same way; the time of day and the zone offset stay. infinity stays.
/// Reads PostgreSQL's ISO output (the pipeline sets DateStyle ISO), BC dates included.
/// </summary>
public sealed class ShiftRule(SourceLocation location, int days, bool forcedUnique) : MaskingRule(Declaration, location, forcedUnique)
{
    /// <summary>The most days a value moves, either way.</summary>
    public int MaxDays => days;

    private static readonly IntegerParameter Days = new("days", 1, 36_500, "The most days a value moves, either way.", Required: true);

    /// <summary>The <c>shift</c> kind: its parameters, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "shift",
        "Dates and timestamps moved by a keyed number of days in [-days, days], never 0; time of day and zone offset kept.",
        RuleValue.Mapping(Days),
        CanBeUnique: true,
        Parse);

    public override string Canonical(bool unique) => $"shift:days={days}";

    public override string Describe(bool unique) => $"shift by up to {days} days";

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        return new ShiftRule(at, parser.Parameters(value, Declaration).Required(Days), unique);
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.Type.Category is not (TypeCategory.Date or TypeCategory.Timestamp or TypeCategory.TimestampTz or TypeCategory.JsonScalar))
        {
            problems.Add(column.Problem(this, $"shift moves dates and timestamps; the column is {column.Type}"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) => new Transformer(context, Canonical(context.Unique), days);

    private sealed class Transformer(TransformerContext context, string canonical, int days) : KeyedTransformer(context, canonical)
    {
        public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            if (!IsoDate.TryParse(original, out var year, out var month, out var day, out var timePart, out var bc))
            {
                output.Append(original); // infinity, -infinity
                return true;
            }

            Span<byte> seed = stackalloc byte[ValueDigester.Size];
            Seed(original, seed);
            var random = new KeyedRandom(seed);
            var offset = random.Next(2 * days);
            var delta = offset < days ? offset - days : offset - days + 1;
            var shifted = IsoDate.DaysFromCivil(bc ? 1 - year : year, month, day) + delta;
            IsoDate.CivilFromDays(shifted, out var y, out var m, out var d);
            IsoDate.Write(output, y, m, d, timePart);
            return true;
        }
    }
}

/// <summary>PostgreSQL's ISO date text (<c>2024-02-29</c>, <c>0044-03-15 BC</c>) and proleptic Gregorian day arithmetic.</summary>
internal static class IsoDate
{
    /// <summary>Splits <c>Y-M-D[ rest][ BC]</c>; <paramref name="rest"/> is the time and zone text between date and era.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long year, out int month, out int day, out ReadOnlySpan<byte> rest, out bool bc)
    {
        year = month = day = 0;
        rest = default;
        bc = text.EndsWith(" BC"u8);
        if (bc)
        {
            text = text[..^3];
        }

        var firstDash = text.IndexOf((byte)'-');
        if (firstDash <= 0 || firstDash + 6 > text.Length || text[firstDash + 3] != (byte)'-')
        {
            return false;
        }

        if (!long.TryParse(text[..firstDash], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            || !int.TryParse(text.Slice(firstDash + 1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month)
            || !int.TryParse(text.Slice(firstDash + 4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out day))
        {
            return false;
        }

        rest = text[(firstDash + 6)..];
        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    public static void Write(Utf8Builder output, long year, int month, int day, ReadOnlySpan<byte> rest)
    {
        var bc = year <= 0;
        var shown = bc ? 1 - year : year;
        var digits = output.AppendSpan(20);
        System.Buffers.Text.Utf8Formatter.TryFormat(shown, digits, out var written, new System.Buffers.StandardFormat('D', 4));
        output.Truncate(output.Length - 20 + written);
        Span<byte> monthDay = [(byte)'-', (byte)('0' + (month / 10)), (byte)('0' + (month % 10)), (byte)'-', (byte)('0' + (day / 10)), (byte)('0' + (day % 10))];
        output.Append(monthDay);
        output.Append(rest);
        if (bc)
        {
            output.Append(" BC"u8);
        }
    }

    /// <summary>The days of <paramref name="month"/> in an astronomical year (year 0 = 1 BC, a leap year), proleptic Gregorian.</summary>
    public static int DaysInMonth(long year, int month) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>Days since 1970-01-01 of an astronomical-year date (year 0 = 1 BC); Howard Hinnant's algorithm.</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    public static void CivilFromDays(long days, out long year, out int month, out int day)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var doe = days - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yoe + (era * 400) + (month <= 2 ? 1 : 0);
    }
}
