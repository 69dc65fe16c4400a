using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DevDbSeed.Detection;

/// <summary>
/// Finds e-mail addresses, phone numbers (international and local formats), IPv4/IPv6 addresses, card numbers
/// (Luhn-checked) and IBANs (mod-97-checked) inside free text. Checksums and shapes keep false positives down:
/// a date, an order number, a UUID or a price is not a phone; sixteen random digits are not a card; a browser
/// version is not an IP address, nor is a C++ scope operator.
/// Used to classify columns by content (rules init, report) and to scrub free text, so it runs on every value of a
/// scrubbed column: candidates are checked as spans, and only what is found is allocated.
/// </summary>
public static partial class PiiDetector
{
    /// <summary>All matches of <paramref name="kinds"/>, in text order, never overlapping (e-mail, IBAN, card, IP win over phone).</summary>
    /// <remarks>On pathological text a pattern may time out: what was found so far stands (see <see cref="TryFind"/>).</remarks>
    public static IReadOnlyList<PiiMatch> Find(string text, PiiKind kinds = PiiKind.All)
    {
        TryFind(text, kinds, out var matches);
        return matches;
    }

    /// <summary>Like <see cref="Find"/>; false when a pattern timed out on pathological text, so the matches may be incomplete.</summary>
    public static bool TryFind(string text, PiiKind kinds, out IReadOnlyList<PiiMatch> matches)
    {
        matches = [];
        if (text.Length < 6)
        {
            return true;
        }

        var complete = true;
        List<PiiMatch>? found = null;
        if (kinds.HasFlag(PiiKind.Email) && text.Contains('@', StringComparison.Ordinal))
        {
            complete &= Add(ref found, EmailPattern(), text, PiiKind.Email);
        }

        if (kinds.HasFlag(PiiKind.Iban))
        {
            complete &= Add(ref found, IbanPattern(), text, PiiKind.Iban);
        }

        if (kinds.HasFlag(PiiKind.Card))
        {
            complete &= Add(ref found, CardPattern(), text, PiiKind.Card);
        }

        if (kinds.HasFlag(PiiKind.Ip))
        {
            complete &= Add(ref found, Ipv4Pattern(), text, PiiKind.Ip);
            if (text.Contains(':', StringComparison.Ordinal))
            {
                complete &= Add(ref found, Ipv6Pattern(), text, PiiKind.Ip);
            }
        }

        if (kinds.HasFlag(PiiKind.Phone))
        {
            complete &= Add(ref found, PhonePattern(), text, PiiKind.Phone);
        }

        if (found is null)
        {
            return complete;
        }

        found.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        matches = found;
        return complete;
    }

    /// <summary>The kinds found in <paramref name="text"/>.</summary>
    public static PiiKind KindsIn(string text, PiiKind kinds = PiiKind.All)
    {
        var result = PiiKind.None;
        foreach (var match in Find(text, kinds))
        {
            result |= match.Kind;
        }

        return result;
    }

    /// <summary>Whether the whole of <paramref name="value"/> (trimmed) is one item of <paramref name="kind"/>.</summary>
    public static bool IsWhole(string value, PiiKind kind)
    {
        var trimmed = value.Trim();
        return Find(trimmed, kind) is [var only] && only.Start == 0 && only.Length == trimmed.Length;
    }

    /// <summary>13 to 19 digits (separators aside), not all the same, that pass the Luhn check.</summary>
    public static bool IsCard(ReadOnlySpan<char> candidate)
    {
        var count = 0;
        var sum = 0;
        var first = '\0';
        var varied = false;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (count % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            varied |= count > 0 && c != first;
            first = count == 0 ? c : first;
            count++;
        }

        return count is >= 13 and <= 19 && varied && sum % 10 == 0;
    }

    /// <summary>15 to 34 letters and digits (spaces aside) whose mod-97 check, country and check digits moved to the end, gives 1.</summary>
    public static bool IsIban(ReadOnlySpan<char> candidate)
    {
        var length = candidate.Length - candidate.Count(' ');
        if (length is < 15 or > 34)
        {
            return false;
        }

        // The account part first, then the four characters of country and check digits.
        var remainder = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var seen = 0;
            foreach (var c in candidate)
            {
                if (c == ' ')
                {
                    continue;
                }

                var inHead = seen++ < 4;
                if (inHead != (pass == 1))
                {
                    continue;
                }

                var upper = char.ToUpperInvariant(c);
                if (char.IsAsciiDigit(upper))
                {
                    remainder = ((remainder * 10) + (upper - '0')) % 97;
                }
                else if (char.IsAsciiLetterUpper(upper))
                {
                    remainder = ((remainder * 100) + (upper - 'A' + 10)) % 97;
                }
                else
                {
                    return false;
                }
            }
        }

        return remainder == 1;
    }

    /// <summary>
    /// Whether the whole of <paramref name="value"/> is a VAT identification number in one of the European formats
    /// (<c>DE123456789</c>, <c>ATU12345678</c>, <c>FRXX123456789</c>, <c>NL123456789B01</c>, <c>GB123456789</c>,
    /// <c>CHE-123.456.789 MWST</c>): country prefix and the country's digits, spaces, dots and hyphens aside. The
    /// formats alone, no checksum: a column where most values have one is a column of tax numbers.
    /// </summary>
    public static bool IsTaxId(string value)
    {
        var compact = value.Trim();
        if (compact.Length is < 8 or > 24)
        {
            return false;
        }

        Span<char> letters = stackalloc char[compact.Length];
        var length = 0;
        foreach (var c in compact)
        {
            if (c is not (' ' or '.' or '-'))
            {
                letters[length++] = char.ToUpperInvariant(c);
            }
        }

        return TaxIdPattern().IsMatch(letters[..length]);
    }

    /// <summary>7 to 15 digits, not a date or a time, and either international (+) or grouped like a phone.</summary>
    private static bool IsPhone(ReadOnlySpan<char> candidate)
    {
        var digits = CountDigits(candidate);
        if (digits is < 7 or > 15 || DatePattern().IsMatch(candidate))
        {
            return false;
        }

        var trimmed = candidate.Trim();
        return trimmed[0] is '+' or '(' || trimmed.IndexOfAny(' ', '-', '.') >= 0 || digits >= 10;
    }

    private static bool IsIpv6(ReadOnlySpan<char> candidate) =>
        (candidate.IndexOf("::", StringComparison.Ordinal) >= 0 || candidate.Count(':') >= 5)
        && IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Adds the accepted matches of one pattern; false when it timed out.</summary>
    private static bool Add(ref List<PiiMatch>? found, Regex pattern, string text, PiiKind kind)
    {
        try
        {
            foreach (var match in pattern.EnumerateMatches(text))
            {
                var start = match.Index;
                var end = start + match.Length;
                while (end > start && text[end - 1] is ' ' or '.' or '-')
                {
                    end--;
                }

                var candidate = text.AsSpan(start, end - start);
                if (candidate.IsEmpty)
                {
                    continue;
                }

                if (kind == PiiKind.Phone && candidate.IndexOfAny('\n', '\r') is var lineBreak and >= 0)
                {
                    AddOverTwoLines(ref found, text, start, end, lineBreak);
                }
                else if (Accept(kind, candidate))
                {
                    AddFree(ref found, new PiiMatch(kind, start, end - start));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        return true;
    }

    private static bool Accept(PiiKind kind, ReadOnlySpan<char> candidate) => kind switch
    {
        PiiKind.Iban => IsIban(candidate),
        PiiKind.Card => IsCard(candidate),
        PiiKind.Ip => !candidate.Contains(':') || IsIpv6(candidate),
        PiiKind.Phone => IsPhone(candidate),
        _ => true,
    };

    /// <summary>
    /// A phone-like candidate whose digits go on over a line break: the two lines are one number when together they
    /// are a phone and either line alone is not (a number wrapped in a text: replacing only the second line would
    /// leave the first half); otherwise each line that is a phone on its own is one.
    /// </summary>
    private static void AddOverTwoLines(ref List<PiiMatch>? found, string text, int start, int end, int lineBreak)
    {
        var firstEnd = start + text.AsSpan(start, lineBreak).TrimEnd(" \t\r").Length;
        var secondStart = start + lineBreak;
        while (secondStart < end && char.IsWhiteSpace(text[secondStart]))
        {
            secondStart++;
        }

        var first = text.AsSpan(start, firstEnd - start);
        var second = text.AsSpan(secondStart, end - secondStart);
        var firstIsPhone = IsPhone(first);
        var secondIsPhone = IsPhone(second);

        // A wrapped number shows it on its first line: international, or already grouped (two bare numbers on two
        // lines, an order number above a quantity, are not one phone).
        var wrapped = first[0] is '+' or '(' || first.IndexOfAny(' ', '-', '.') >= 0;
        if ((!firstIsPhone || !secondIsPhone) && wrapped && IsPhone(text.AsSpan(start, end - start)))
        {
            AddFree(ref found, new PiiMatch(PiiKind.Phone, start, end - start));
            return;
        }

        if (firstIsPhone)
        {
            AddFree(ref found, new PiiMatch(PiiKind.Phone, start, first.Length));
        }

        if (secondIsPhone)
        {
            AddFree(ref found, new PiiMatch(PiiKind.Phone, secondStart, second.Length));
        }
    }

    /// <summary>Adds <paramref name="candidate"/> unless it overlaps a match already found (of a kind that wins).</summary>
    private static void AddFree(ref List<PiiMatch>? found, PiiMatch candidate)
    {
        if (found is null)
        {
            found = [candidate];
            return;
        }

        foreach (var other in found)
        {
            if (other.Start < candidate.End && candidate.Start < other.End)
            {
                return;
            }
        }

        found.Add(candidate);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex IbanPattern();

    /// <summary>13 to 19 digits, maybe grouped; a full stop after it ends a sentence, one between digits makes a decimal.</summary>
    [GeneratedRegex(@"(?<![\d.])\d(?:[ \-]?\d){12,18}(?!\d|\.\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CardPattern();

    /// <summary>Four octets, not part of a longer dotted number, nor a product version after a name and a slash (Chrome/120.0.0.0).</summary>
    [GeneratedRegex(@"(?<![\w.]|\w/)(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\d|\.\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Ipv4Pattern();

    /// <summary>
    /// Hex groups and colons standing apart from words (so std::string and Foo::Bar are code, not addresses), or after
    /// a label and a colon (ip:2001:db8::1, IPv6:fe80::1).
    /// </summary>
    [GeneratedRegex(@"(?:(?<![\w:])|(?<=[\p{L}\d]:))(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Ipv6Pattern();

    /// <summary>
    /// A phone-like line: a country code with an area code of any length (+33 6, +44 20), or a local number (maybe
    /// after a trunk prefix: 1-800-...), then groups of digits; it may go on over one line break (checked apart). It
    /// does not start or end glued to a word by a hyphen, so order numbers (ORD-2024-000123) and the groups of a UUID
    /// are not phones.
    /// </summary>
    [GeneratedRegex(
        @"(?<![\w+]|\w-)(?:\+\d{1,3}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}|(?:1-(?=\d{3}-))?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4})(?:[ .\-]?\d{2,4}){0,4}"
        + @"(?:[ \t]*\r?\n[ \t]*(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]?\d{2,4}){0,4})?"
        + @"(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?!\w|-\w)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        250)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(
        @"^(?:ATU\d{8}|BE[01]\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|ES[A-Z0-9]\d{7}[A-Z0-9]|FI\d{8}"
        + @"|FR[A-HJ-NP-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE\d{7}[A-W][A-I]?|IE\d[A-Z+*]\d{5}[A-W]|IT\d{11}|LT(?:\d{9}|\d{12})|LU\d{8}|LV\d{11}"
        + @"|MT\d{8}|NL\d{9}B\d{2}|PL\d{10}|PT\d{9}|RO\d{2,10}|SE\d{10}01|SI\d{8}|SK\d{10}|XI\d{9}|GB(?:\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})"
        + @"|CHE\d{9}(?:MWST|TVA|IVA)?|NO\d{9}MVA)$",
        RegexOptions.CultureInvariant,
        250)]
    private static partial Regex TaxIdPattern();

    [GeneratedRegex(@"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s*$|^\s*\d{1,2}:\d{2}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex DatePattern();
}
