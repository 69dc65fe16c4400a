using System.Text.RegularExpressions;
using DevDbSeed.Errors;

namespace DevDbSeed.AfterScripts;

/// <summary>
/// An SQL file a run executes in the new database after its rows, sequences and post-data, before the leak verification
/// (pipeline key <c>after:</c>): read and split into statements when the pipeline is resolved, before anything is copied,
/// so that a missing file or a statement that cannot run in one transaction refuses the run (exit 2) at once.
/// </summary>
public sealed partial class AfterScript
{
    private readonly string _text;

    private AfterScript(string displayPath, string text, IReadOnlyList<SqlStatement> statements)
    {
        DisplayPath = displayPath;
        _text = text;
        Statements = statements;
    }

    /// <summary>The file as the pipeline names it, relative to the current directory (what messages show).</summary>
    public string DisplayPath { get; }

    /// <summary>Its statements, in order; none for a file of comments only.</summary>
    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>A script from its text (tests, and <see cref="Read"/>); refuses what cannot run in the script's one transaction.</summary>
    public static AfterScript Parse(string displayPath, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var script = new AfterScript(displayPath, text, SqlScriptSplitter.Split(text));
        foreach (var statement in script.Statements)
        {
            if (Refusal(statement) is { } why)
            {
                throw new ConfigurationException($"{displayPath}:{script.LineOf(statement.Start)}: {why}");
            }
        }

        return script;
    }

    /// <summary>Reads the file; one that is missing or unreadable is exit 2 where the pipeline names it.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read, or holds a statement an after script cannot run.</exception>
    public static AfterScript Read(AfterScriptReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string text;
        try
        {
            text = File.ReadAllText(reference.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read: {e.Message}";
            var message = $"after script {reference.DisplayPath} {why}";
            throw reference.NamedAt is { } at ? new ConfigurationException(at, message, e) : new ConfigurationException(message, e);
        }

        return Parse(reference.DisplayPath, text);
    }

    /// <summary>
    /// The line of the file where a statement failed: at <paramref name="position"/>, PostgreSQL's error position (1-based,
    /// in characters of the statement as sent), or at the statement's first word when the server gives none (0).
    /// </summary>
    public int LineOf(SqlStatement statement, int position)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var offset = 0;
        for (var characters = 1; characters < position && offset < statement.Text.Length; characters++)
        {
            offset += char.IsSurrogatePair(statement.Text, offset) ? 2 : 1; // PostgreSQL counts characters, .NET UTF-16 units
        }

        return LineOf(statement.Start + Math.Min(offset, Math.Max(0, statement.Text.Length - 1)));
    }

    /// <summary>The 1-based line holding the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>Why a statement cannot be part of an after script; null when it can.</summary>
    private static string? Refusal(SqlStatement statement)
    {
        if (statement.Text.StartsWith('\\'))
        {
            return $"{statement.Text.Split((char[])[' ', '\t', '\r', '\n'], 2)[0]} is a psql command: an after script holds SQL statements only";
        }

        var words = statement.Words;
        var first = words.Count > 0 ? words[0] : string.Empty;
        var second = words.Count > 1 ? words[1] : string.Empty;
        var controlsTransaction = first is "begin" or "start" or "commit" or "end" or "abort"
            || (first == "rollback" && second != "to")
            || (first == "prepare" && second == "transaction");
        if (controlsTransaction)
        {
            return $"{first.ToUpperInvariant()}: each after script runs in one transaction of its own, committed when its last statement succeeded; "
                + "leave out BEGIN, COMMIT and ROLLBACK";
        }

        if (first == "copy" && StandardStream().IsMatch(statement.Text))
        {
            return "COPY from standard input or to standard output needs psql: use INSERT statements in an after script";
        }

        return null;
    }

    [GeneratedRegex(@"\b(stdin|stdout)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StandardStream();
}
