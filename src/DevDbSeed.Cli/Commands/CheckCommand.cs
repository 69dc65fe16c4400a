using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.Cli.Commands;

internal static class CheckCommand
{
    private static readonly string[] Formats = ["text", "json"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var format = new Option<string>("--format")
        {
            Description = "text (what run would do per table, for people; the default) or json (the whole plan, stable, for tools: only the document on standard output).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong([.. Formats]);
        var command = new DescribedCommand("check", "Validate the rules against the source schema and print what run would do per table; writes nothing.",
            "Read the source schema only, validate the rules against it (every table and column classified, no rule naming what the "
            + "source does not have, known generators, values that fit their column) and print what run would do per table. With "
            + "--format json, print the whole plan as one JSON document: every table with its mode and row estimate, every column with "
            + "its rule, how it stays unique and what verification does with it. Writes nothing.")
        {
            arguments.Pipeline, arguments.Source, arguments.SourceBackup, format,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            if (parse.GetValue(format) == "json")
            {
                var quiet = new ConsoleObserver(TextWriter.Null, error, verbosePlan: false); // warnings only: standard output is the document
                var scripts = new AfterScriptsHeard(quiet);
                var planned = await Seeder.CheckAsync(arguments.Options(parse), scripts, cancellationToken);
                await output.WriteAsync(PlanDocument.Write(planned, scripts.Scripts));
                return 0;
            }

            var observer = new ConsoleObserver(output, error, verbosePlan: true);
            var plan = await Seeder.CheckAsync(arguments.Options(parse), observer, cancellationToken);
            observer.Step($"the rules cover the source schema: {plan.RuleTables.Count} tables, {plan.MaskedColumnCount} masked columns");
            return 0;
        }));
        return command;
    }

    /// <summary>Passes every event on, and keeps the after scripts <c>check</c> announces for the document.</summary>
    private sealed class AfterScriptsHeard(IRunObserver inner) : IRunObserver
    {
        public IReadOnlyList<AfterScriptInfo> Scripts { get; private set; } = [];

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is AfterScriptsReady ready)
            {
                Scripts = ready.Scripts;
            }

            inner.OnEvent(runEvent);
        }
    }
}
