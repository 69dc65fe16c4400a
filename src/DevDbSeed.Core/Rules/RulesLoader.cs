using System.Security.Cryptography;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// Reads rules files (version 1). Everything that can be judged without the database is judged here:
/// YAML syntax, unknown keys, unknown generators, bad parameters, a table named twice (all exit 2).
/// </summary>
public static class RulesLoader
{
    public const int Version = 1;

    private static readonly string[] FileKeys = ["version", "locale", "tables"];
    private static readonly string[] TableKeys = ["columns", "keep_rows"];

    public static RuleSet Load(IReadOnlyList<RulesReference> files, FakeCatalog? fakes = null)
    {
        fakes ??= FakeCatalog.Default;
        var tables = new Dictionary<QualifiedName, TableRule>();
        var infos = new List<RulesFileInfo>();
        string? locale = null;
        foreach (var reference in files)
        {
            if (!File.Exists(reference.FullPath))
            {
                throw new ConfigurationException(reference.NamedAt, $"rules file {reference.DisplayPath} does not exist");
            }

            var file = YamlFile.Load(reference.FullPath, reference.DisplayPath);
            infos.Add(new RulesFileInfo(reference.DisplayPath, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(reference.FullPath)))));
            var fileLocale = LoadFile(file, fakes, tables, locale);
            locale ??= fileLocale;
        }

        return new RuleSet(infos, tables, locale ?? LocaleData.Fallback);
    }

    public static RuleSet Load(string path, FakeCatalog? fakes = null) =>
        Load([new RulesReference(Path.GetFullPath(path), path, new SourceLocation(path, 1, 1))], fakes);

    /// <summary>Rules from YAML text (rules init checks what it writes this way).</summary>
    public static RuleSet Parse(string text, string displayPath, FakeCatalog? fakes = null)
    {
        var tables = new Dictionary<QualifiedName, TableRule>();
        var file = YamlFile.Parse(text, Path.GetFullPath(displayPath), displayPath);
        var locale = LoadFile(file, fakes ?? FakeCatalog.Default, tables, null);
        return new RuleSet([new RulesFileInfo(displayPath, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))))], tables, locale ?? LocaleData.Fallback);
    }

    private static string? LoadFile(YamlFile file, FakeCatalog fakes, Dictionary<QualifiedName, TableRule> tables, string? locale)
    {
        if (file.Root is null)
        {
            throw new ConfigurationException($"{file.DisplayPath}: the rules file is empty");
        }

        var root = file.Mapping(file.Root, "a rules file");
        YamlNode? tablesNode = null;
        var version = 0;
        string? fileLocale = null;
        foreach (var (key, _, value) in file.Entries(root, "the rules file", FileKeys))
        {
            switch (key)
            {
                case "version":
                    version = file.Integer(value, "version", 1, 1000);
                    if (version != Version)
                    {
                        throw file.Error(value, $"rules version {version} is not supported (this devdbseed reads version {Version})");
                    }

                    break;
                case "locale":
                    fileLocale = file.Scalar(value, "locale");
                    if (!LocaleData.AvailableLocales.Contains(fileLocale))
                    {
                        throw file.Error(value, $"unknown locale '{fileLocale}'{Suggestions.DidYouMean(fileLocale, LocaleData.AvailableLocales)}");
                    }

                    if (locale is not null && locale != fileLocale)
                    {
                        throw file.Error(value, $"locale '{fileLocale}' differs from '{locale}' set by an earlier rules file");
                    }

                    break;
                case "tables":
                    tablesNode = value;
                    break;
            }
        }

        if (version == 0)
        {
            throw file.Error(root, $"the rules file has no version (add 'version: {Version}')");
        }

        if (tablesNode is null || YamlNodes.IsNull(tablesNode))
        {
            throw file.Error(root, "the rules file has no tables");
        }

        var parser = new RuleParser(file, fakes, fileLocale ?? locale ?? LocaleData.Fallback);
        foreach (var (key, keyNode, value) in file.Entries(file.Mapping(tablesNode, "tables"), "tables"))
        {
            var name = QualifiedName.TryParse(key)
                ?? throw file.Error(keyNode, $"'{key}' is not a table name: write schema.table (e.g. public.{key})");
            if (tables.TryGetValue(name, out var earlier))
            {
                throw file.Error(keyNode, $"table {name} already has a rule at {earlier.Location}");
            }

            tables[name] = TableRuleOf(file, parser, name, keyNode, value);
        }

        return fileLocale;
    }

    private static TableRule TableRuleOf(YamlFile file, RuleParser parser, QualifiedName name, YamlNode keyNode, YamlNode value)
    {
        var at = file.At(keyNode);
        if (value is YamlScalarNode { Value: "keep" })
        {
            return new KeepTableRule(name, at);
        }

        if (value is YamlScalarNode { Value: "empty" })
        {
            return new EmptyTableRule(name, at);
        }

        if (value is not YamlMappingNode mapping)
        {
            throw file.Error(value, $"table {name} must be keep, empty, or have columns: ({YamlNodes.Shape(value)} found)");
        }

        var columns = new Dictionary<string, ColumnRule>(StringComparer.Ordinal);
        KeepRows? keepRows = null;
        YamlNode? keepRowsKey = null;
        foreach (var (key, entryKey, entry) in file.Entries(mapping, $"table {name}", TableKeys))
        {
            if (key == "keep_rows")
            {
                (keepRows, keepRowsKey) = (KeepRowsOf(file, name, entry), entryKey);
                continue;
            }

            foreach (var (column, columnKey, rule) in file.Entries(file.Mapping(entry, $"the columns of {name}"), $"the columns of {name}"))
            {
                columns[column] = new ColumnRule(column, file.At(columnKey), parser.ParseColumnRule(rule));
            }
        }

        if (columns.Count == 0 && keepRowsKey is not null)
        {
            throw file.Error(keepRowsKey, $"keep_rows of {name} needs columns: beside it (the rules of the rows it does not keep); a table kept or emptied whole has no rows to pick");
        }

        if (columns.Count == 0)
        {
            throw file.Error(keyNode, $"table {name} lists no columns (use keep when none is sensitive)");
        }

        return new ColumnsTableRule(name, at, columns, keepRows);
    }

    /// <summary><c>keep_rows:</c>: a non-empty SQL predicate written as a string, one expression (no <c>;</c>, balanced parentheses).</summary>
    private static KeepRows KeepRowsOf(YamlFile file, QualifiedName name, YamlNode value)
    {
        if (value is not YamlScalarNode scalar || YamlNodes.IsNull(value))
        {
            throw file.Error(value, $"keep_rows of {name} must be an SQL predicate written as a string, e.g. keep_rows: \"id <= 3\" ({YamlNodes.Shape(value)} found)");
        }

        var predicate = scalar.Value ?? string.Empty;
        if (predicate.Trim().Length == 0)
        {
            throw file.Error(value, $"keep_rows of {name} is empty: write the SQL predicate of the rows to keep unmasked, e.g. keep_rows: \"id <= 3\"");
        }

        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && YamlNodes.IsNonString(predicate))
        {
            throw file.Error(value, $"keep_rows of {name} must be an SQL predicate written as a string ('{predicate}' is read as a {YamlNodes.ScalarKind(predicate)}): put it in quotes if it is meant");
        }

        if (SqlPredicate.Problem(predicate) is { } problem)
        {
            throw file.Error(value, $"keep_rows of {name} {problem}");
        }

        return new KeepRows(predicate, file.At(value));
    }
}
