using System.CommandLine;
using DevDbSeed.Errors;
using DevDbSeed.Review;
using DevDbSeed.Review.Formats;

namespace DevDbSeed.Cli.Commands;

/// <summary><c>devdbseed rules diff OLD NEW [-- PATH...]</c>: the pull-request gate; exit 3 when a change weakens the masking.</summary>
internal static class RulesDiffCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var old = new Argument<string>("OLD") { Description = "The old rules or pipeline file; with paths after --, a git ref (main, origin/main); or REF:path." };
        var @new = new Argument<string>("NEW") { Description = "The new rules or pipeline file; with paths after --, a git ref (HEAD); or REF:path." };
        var paths = new Argument<string[]>("PATH") { Description = "After --: files or folders of the repository whose YAML files are compared at the two refs (rules/).", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format")
        {
            Description = "text (one line per change, the default), md (Markdown for a pull-request comment), json (stable, for tools) or sarif (SARIF 2.1.0 for code scanning: each weakening on its line).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong([.. RulesDiffFormats.Names]);
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write the diff here instead of standard output." };
        var command = new DescribedCommand("diff", "Compare two versions of the rules and classify every change: exit 3 when one weakens the masking.",
            "Compare two rules files (or pipeline files), or every rules and pipeline file under paths at two git refs "
            + "(rules diff main HEAD -- rules/), parsed as a run reads them: comments and formatting change nothing. Every change to a "
            + "schema.table.column (and a JSON member, an array's elements, a pipeline's verify) is weakened, strengthened, neutral, "
            + "added or removed; a change it cannot judge counts as weakened. Exit 3 when anything is weakened, 0 otherwise, 2 when a "
            + "side cannot be read. --format and --output may also follow the paths (rules diff main HEAD -- rules/ --format sarif).")
        {
            old, @new, paths, format, file,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            // git's habit, and the example: "rules diff main HEAD -- rules/ --format sarif" (after --, the parser sees paths only)
            var (given, trailing) = AfterDoubleDash.Split(parse.GetValue(paths) ?? [], [.. format.Aliases.Prepend(format.Name)], [.. file.Aliases.Prepend(file.Name)]);
            var formatName = trailing.GetValueOrDefault(format.Name) ?? parse.GetValue(format)!;
            var destination = trailing.GetValueOrDefault(file.Name) is { } named ? new FileInfo(named) : parse.GetValue(file);
            var request = new RulesDiffRequest(parse.GetValue(old)!, parse.GetValue(@new)!, given, Directory.GetCurrentDirectory());
            var result = await RulesDiffer.CompareAsync(request, cancellationToken);
            var text = RulesDiffFormats.Write(result, RulesDiffFormats.Parse(formatName));
            if (destination is null)
            {
                await output.WriteAsync(text);
            }
            else
            {
                await WriteAsync(destination, text, cancellationToken);
                await error.WriteLineAsync($"written: {destination} ({RulesDiffFormats.Counts(result)})");
            }

            return (int)(result.HasWeakening ? ExitCode.RulesDoNotFitSchema : ExitCode.Success);
        }));
        return command;
    }

    private static async Task WriteAsync(FileInfo destination, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(destination.FullName, text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--output {destination}: cannot write the file: {e.Message}", e);
        }
    }
}
