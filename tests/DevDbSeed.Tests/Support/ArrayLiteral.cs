using System.Text;

namespace DevDbSeed.Tests.Support;

/// <summary>A reference reader of PostgreSQL's array text (array_in), flattening every dimension; NULL elements are null.</summary>
internal static class ArrayLiteral
{
    public static List<string?> Elements(string text)
    {
        var elements = new List<string?>();
        var i = 0;
        if (text.StartsWith('['))
        {
            i = text.IndexOf('=', StringComparison.Ordinal) + 1;
        }

        if (i >= text.Length || text[i] != '{')
        {
            throw new FormatException($"'{text}' is not an array literal");
        }

        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '{':
                    depth++;
                    i++;
                    continue;
                case '}':
                    depth--;
                    i++;
                    continue;
                case ',':
                    i++;
                    continue;
                case '"':
                    var quoted = new StringBuilder();
                    i++;
                    while (text[i] != '"')
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }

                        quoted.Append(text[i]);
                        i++;
                    }

                    i++;
                    elements.Add(quoted.ToString());
                    continue;
                default:
                    var end = text.IndexOfAny([',', '}'], i);
                    var bare = text[i..end];
                    if (bare.Contains('"', StringComparison.Ordinal) || bare.Contains('\\', StringComparison.Ordinal) || bare.Contains(' ', StringComparison.Ordinal) || bare.Length == 0)
                    {
                        throw new FormatException($"'{bare}' in '{text}' needed quotes");
                    }

                    elements.Add(bare.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : bare);
                    i = end;
                    continue;
            }
        }

        if (depth != 0)
        {
            throw new FormatException($"'{text}' has unbalanced braces");
        }

        return elements;
    }
}
