using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed partial class ShiftRuleTests
{
    private static readonly ColumnType Date = new("date", TypeCategory.Date);

    [Theory]
    [InlineData(30)]
    [InlineData(1)]
    [InlineData(365)]
    public void Shifts_within_the_days_asked_and_never_by_zero(int days)
    {
        var transformer = Masks.Transformer($"{{ shift: {{ days: {days} }} }}", type: Date);
        var start = new DateOnly(1990, 1, 1);
        var seen = new HashSet<long>();

        for (var i = 0; i < 3000; i++)
        {
            var original = start.AddDays(i * 3);
            var shifted = Parse(transformer.Apply(Iso(original))!);
            var delta = shifted.Days - DayNumber(original.Year, original.Month, original.Day);
            Assert.InRange(Math.Abs(delta), 1, days);
            seen.Add(delta);
        }

        Assert.True(seen.Count >= 2 * days * 0.9, $"only {seen.Count} of the {2 * days} possible shifts were seen");
        Assert.Contains(seen, d => d < 0);
        Assert.Contains(seen, d => d > 0);
    }

    [Fact]
    public void The_same_date_always_moves_the_same_way_and_the_secret_matters()
    {
        const string rule = "{ shift: { days: 30 } }";
        var a = Masks.Transformer(rule, type: Date);
        var b = Masks.Transformer(rule, type: Date);
        var other = Masks.Transformer(rule, type: Date, secret: "another");
        var dates = Enumerable.Range(0, 300).Select(i => Iso(new DateOnly(2000, 1, 1).AddDays(i))).ToList();

        Assert.Equal(dates.Select(a.Apply), dates.Select(b.Apply));
        Assert.True(dates.Count(d => a.Apply(d) != other.Apply(d)) > 250);
    }

    [Theory]
    [InlineData("2024-02-29 13:45:12.123456+05:30", " 13:45:12.123456+05:30")]
    [InlineData("2024-02-29 13:45:12+00", " 13:45:12+00")]
    [InlineData("1999-12-31 23:59:59.999999-08", " 23:59:59.999999-08")]
    [InlineData("2024-06-01 00:00:00", " 00:00:00")]
    [InlineData("1900-01-01 10:00:00+00:09:21", " 10:00:00+00:09:21")]
    public void Keeps_the_time_of_day_and_the_zone_offset(string original, string rest)
    {
        var transformer = Masks.Transformer("{ shift: { days: 30 } }", type: new ColumnType("timestamp with time zone", TypeCategory.TimestampTz));

        var shifted = transformer.Apply(original)!;

        Assert.EndsWith(rest, shifted, StringComparison.Ordinal);
        Assert.NotEqual(original, shifted);
        var date = Parse(shifted);
        Assert.InRange(Math.Abs(date.Days - Parse(original).Days), 1, 30);
    }

    [Fact]
    public void Leap_days_give_valid_dates()
    {
        var transformer = Masks.Transformer("{ shift: { days: 400 } }", type: Date);

        foreach (var year in new[] { 1600, 1900, 2000, 2023, 2024, 2100 })
        {
            foreach (var original in new[] { $"{year}-02-28", $"{year}-03-01", $"{year}-12-31", $"{year}-01-01" })
            {
                var shifted = transformer.Apply(original)!;
                var parsed = Parse(shifted);
                Assert.True(parsed.Valid, $"{original} became the invalid date {shifted}");
                Assert.InRange(Math.Abs(parsed.Days - Parse(original).Days), 1, 400);
            }
        }

        var leap = transformer.Apply("2024-02-29")!;
        Assert.True(Parse(leap).Valid, leap);
    }

    [Theory]
    [InlineData("0044-03-15 BC")]
    [InlineData("4713-01-01 BC")]
    [InlineData("0001-12-31 BC")]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-20")]
    [InlineData("0005-02-29 BC")]
    public void Handles_bc_dates_and_the_year_boundary(string original)
    {
        var transformer = Masks.Transformer("{ shift: { days: 60 } }", type: Date);

        var shifted = transformer.Apply(original)!;

        var parsed = Parse(shifted);
        Assert.True(parsed.Valid, $"{original} became {shifted}");
        Assert.InRange(Math.Abs(parsed.Days - Parse(original).Days), 1, 60);
    }

    [Fact]
    public void Keeps_the_time_of_bc_timestamps()
    {
        var transformer = Masks.Transformer("{ shift: { days: 10 } }", type: new ColumnType("timestamp", TypeCategory.Timestamp));

        var shifted = transformer.Apply("0044-03-15 12:30:00 BC")!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} 12:30:00 BC$", shifted);
    }

    [Theory]
    [InlineData("infinity")]
    [InlineData("-infinity")]
    public void Leaves_infinity_unchanged(string original)
    {
        Assert.Equal(original, Masks.Transformer("{ shift: { days: 30 } }", type: Date).Apply(original));
    }

    [Fact]
    public void Handles_years_beyond_9999()
    {
        var shifted = Masks.Transformer("{ shift: { days: 30 } }", type: Date).Apply("12345-06-15")!;

        var parsed = Parse(shifted);
        Assert.True(parsed.Valid, shifted);
        Assert.InRange(Math.Abs(parsed.Days - Parse("12345-06-15").Days), 1, 30);
    }

    [Theory]
    [InlineData(TypeCategory.Text)]
    [InlineData(TypeCategory.Integer)]
    [InlineData(TypeCategory.Time)]
    public void Fit_check_rejects_columns_that_are_not_dates_or_timestamps(TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule("{ shift: { days: 3 } }").CheckFits(new ColumnFit("t.c", new ColumnType("x", category), null, false, false, 1), problems);

        Assert.Single(problems);
    }

    [Theory]
    [InlineData(TypeCategory.Date)]
    [InlineData(TypeCategory.Timestamp)]
    [InlineData(TypeCategory.TimestampTz)]
    public void Fit_check_accepts_dates_and_timestamps(TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule("{ shift: { days: 3 } }").CheckFits(new ColumnFit("t.c", new ColumnType("x", category), null, false, false, 1), problems);

        Assert.Empty(problems);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Days since 0001-01-01 of an astronomical year (year 0 = 1 BC), through the 400-year Gregorian cycle.</summary>
    private static long DayNumber(long astronomicalYear, int month, int day)
    {
        const long cycleDays = 146_097;
        var cycles = astronomicalYear <= 0 ? (-astronomicalYear / 400) + 1 : astronomicalYear > 9999 ? -((astronomicalYear - 1) / 400) : 0;
        return new DateOnly((int)(astronomicalYear + (cycles * 400)), month, day).DayNumber - (cycles * cycleDays);
    }

    /// <summary>Reads PostgreSQL's ISO date (with optional time and BC) and checks the date exists.</summary>
    private static (long Days, bool Valid) Parse(string text)
    {
        var match = IsoDate().Match(text);
        Assert.True(match.Success, $"'{text}' is not an ISO date");
        var year = long.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        Assert.True(year >= 1, $"'{text}' has year {year}: PostgreSQL writes year 1 BC, never year 0");
        var astronomical = match.Groups["bc"].Success ? 1 - year : year;
        try
        {
            return (DayNumber(astronomical, month, day), true);
        }
        catch (ArgumentOutOfRangeException)
        {
            return (0, false);
        }
    }

    [GeneratedRegex(@"^(?<y>\d{4,})-(?<m>\d{2})-(?<d>\d{2})(?: [^B]*)?(?<bc> BC)?$")]
    private static partial Regex IsoDate();
}
