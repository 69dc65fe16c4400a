using System.Text;
using System.Text.RegularExpressions;

namespace DevDbSeed.Tests.Deploy;

/// <summary>
/// The simple commands of a shell script (a cron command, a CI step, a systemd ExecStart line), as the shell would see
/// their words: quotes removed, commands split at <c>&amp;&amp; || ; | &amp;</c> and new lines, line continuations
/// joined, redirections, <c>exec</c> and leading <c>NAME=value</c> assignments dropped. Variables are left as written.
/// Enough for the deploy examples; not a shell.
/// </summary>
internal static partial class ShellWords
{
    public static IReadOnlyList<IReadOnlyList<string>> Commands(string script)
    {
        var commands = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        script = script.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand()
        {
            EndWord();
            if (Simple(words) is { Count: > 0 } command)
            {
                commands.Add(command);
            }

            words.Clear();
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    word.Append(script, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    for (i++; script[i] != '"'; i++)
                    {
                        if (script[i] == '\\' && script[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(script[i]);
                    }

                    inWord = true;
                    break;
                case '\\':
                    word.Append(script[++i]);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    i = script.IndexOf('\n', i) is var end and >= 0 ? end - 1 : script.Length;
                    break;
                case ';' or '|' or '&' or '\n':
                    if (c == '&' && word.Length > 0 && word[^1] == '>')
                    {
                        word.Append(c); // 2>&1
                        break;
                    }

                    EndCommand();
                    break;
                case ' ' or '\t' or '\r':
                    EndWord();
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        EndCommand();
        return commands;
    }

    /// <summary>The words of one command without its redirections, a leading <c>exec</c> and assignments.</summary>
    private static List<string> Simple(List<string> words)
    {
        var command = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (Redirection().Match(words[i]) is { Success: true } redirection)
            {
                i += redirection.Groups["target"].Length == 0 ? 1 : 0; // "> file": skip the file too
                continue;
            }

            if (command.Count == 0 && (words[i] == "exec" || Assignment().IsMatch(words[i])))
            {
                continue;
            }

            command.Add(words[i]);
        }

        return command;
    }

    [GeneratedRegex(@"^\d*(>>?|<)(?<target>&?\S*)$")]
    private static partial Regex Redirection();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();
}
