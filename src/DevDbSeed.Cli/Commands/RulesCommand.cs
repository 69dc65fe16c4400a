using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Rules;

namespace DevDbSeed.Cli.Commands;

internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Option<string>("--source") { Description = "The database to classify (read-only).", Required = true };
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write the rules here instead of standard output." };
        var update = new Option<FileInfo?>("--update") { Description = "An existing rules file: add only the tables and columns it does not cover, leave the rest untouched (written back unless --output)." };
        var sample = new Option<int>("--sample") { Description = $"Rows sampled per table to classify by content (default {RulesInitOptions.DefaultSampleRows}).", DefaultValueFactory = _ => RulesInitOptions.DefaultSampleRows }
            .InRange(0, RulesInitOptions.MaxSampleRows);
        var init = new DescribedCommand("init", "Write a complete rules file for a database, every table and column classified with a comment saying why.",
            "Write a complete rules file for a database: every table and column classified by name, type and a sample of its content, "
            + "with a comment saying why. Passes the coverage check unedited; review it before trusting it. With --update, add to an "
            + "existing rules file only the tables and columns it does not cover.")
        {
            source, file, update, sample,
        };
        init.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var existing = parse.GetValue(update);
            var options = new RulesInitOptions { Source = parse.GetValue(source)!, SampleRows = parse.GetValue(sample), UpdateFile = existing?.ToString() };
            var text = await Seeder.InitRulesAsync(options, new MessageObserver(error, error), cancellationToken);
            return await WriteAsync(text, parse.GetValue(file) ?? existing, output, error, cancellationToken);
        }));
        var schemaFile = new Option<FileInfo?>("--output", "-o") { Description = "Write the schema here instead of standard output." };
        var schema = new Command("schema", "Print the JSON Schema of rules files (what rules/rules.schema.json holds), made from the rule kinds this version knows.")
        {
            schemaFile,
        };
        schema.SetAction((parse, _) => CommandRunner.RunAsync(error, cancellationToken =>
            WriteAsync(RulesSchema.Write(), parse.GetValue(schemaFile), output, error, cancellationToken)));
        return new Command("rules", "Rules files: write them from a database; print their JSON Schema; compare two versions of them.")
        {
            init, schema, RulesDiffCommand.Create(output, error),
        };
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="destination"/>, or to standard output when there is none.</summary>
    private static async Task<int> WriteAsync(string text, FileInfo? destination, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (destination is null)
        {
            await output.WriteAsync(text);
        }
        else
        {
            await File.WriteAllTextAsync(destination.FullName, text, cancellationToken);
            await error.WriteLineAsync($"written: {destination}");
        }

        return 0;
    }
}
