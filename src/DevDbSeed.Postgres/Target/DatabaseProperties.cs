using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>The source database's own properties the copy keeps: encoding, locale, comment and settings.</summary>
internal sealed record DatabaseProperties(
    string Encoding, string Collate, string CType, string? LocaleProvider, string? IcuLocale, string? Comment, IReadOnlyList<string> Settings)
{
    private static readonly HashSet<string> ListSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "search_path", "temp_tablespaces", "session_preload_libraries", "local_preload_libraries",
    };

    public static async Task<DatabaseProperties> ReadAsync(NpgsqlConnection source, int serverVersion, CancellationToken cancellationToken)
    {
        var icu = serverVersion >= 170000 ? "datlocprovider::text, datlocale" : serverVersion >= 150000 ? "datlocprovider::text, daticulocale" : "NULL, NULL";
        var sql = $"""
            SELECT pg_encoding_to_char(encoding), datcollate, datctype, {icu}, shobj_description(oid, 'pg_database'),
                   ARRAY(SELECT unnest(s.setconfig) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid AND s.setrole = 0)
            FROM pg_database d WHERE datname = current_database()
            """;
        await using var command = new NpgsqlCommand(sql, source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseProperties(
            reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            [.. reader.GetFieldValue<string[]>(6).Where(IsPlainSetting).Select(SetClause)]);
    }

    /// <summary>The options of CREATE DATABASE that reproduce encoding and locale on a server of <paramref name="targetVersion"/>.</summary>
    public string CreateOptions(int targetVersion)
    {
        var options = $"ENCODING {DatabaseNames.Literal(Encoding)} LC_COLLATE {DatabaseNames.Literal(Collate)} LC_CTYPE {DatabaseNames.Literal(CType)}";
        if (LocaleProvider == "i" && IcuLocale is not null && targetVersion >= 150000)
        {
            options += $" LOCALE_PROVIDER icu ICU_LOCALE {DatabaseNames.Literal(IcuLocale)}";
        }

        return options;
    }

    private static bool IsPlainSetting(string setting) =>
        setting.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals
        && setting[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');

    /// <summary><c>search_path=a, "my schema"</c> → <c>search_path TO 'a', 'my schema'</c>.</summary>
    internal static string SetClause(string setting)
    {
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        var name = setting[..equals];
        var value = setting[(equals + 1)..];
        var values = ListSettings.Contains(name) ? ListElements(value) : [value];
        return $"{name} TO {string.Join(", ", values.Select(DatabaseNames.Literal))}";
    }

    /// <summary>
    /// The elements of a list setting as the catalog stores it: comma-separated, an element double-quoted when it
    /// needs it (a comma, a space, upper case), a quote inside doubled.
    /// </summary>
    private static List<string> ListElements(string value)
    {
        var elements = new List<string>();
        var element = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < value.Length && value[i + 1] == '"')
                {
                    element.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    element.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                elements.Add(element.ToString().Trim());
                element.Clear();
            }
            else
            {
                element.Append(c);
            }
        }

        elements.Add(element.ToString().Trim());
        return elements;
    }
}
