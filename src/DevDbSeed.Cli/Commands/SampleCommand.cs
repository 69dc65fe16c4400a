using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class SampleCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Option<string>("--target") { Description = "Connection naming the database to create.", Required = true };
        var users = new Option<int>("--users") { Description = "How many users (the other tables scale with it).", DefaultValueFactory = _ => SampleOptions.DefaultUsers }
            .InRange(1, SampleOptions.MaxUsers);
        var replace = new Option<bool>("--replace") { Description = "Drop the database first if it exists." };
        var create = new DescribedCommand("create", "Create the Vibe Code Academy sample production database.",
            "Create the Vibe Code Academy sample production database: users, courses, lessons, enrolments, lesson progress, partitioned "
            + "payments, newsletter subscriptions, support tickets, an audit log and countries, about 15 rows per user.")
        {
            target, users, replace,
        };
        create.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var options = new SampleOptions { Target = parse.GetValue(target)!, Users = parse.GetValue(users), Replace = parse.GetValue(replace) };
            var sample = await Seeder.CreateSampleAsync(options, new MessageObserver(output, error), cancellationToken);
            await output.WriteLineAsync(RunText.SampleReady(sample));
            return 0;
        }));
        return new Command("sample", "The Vibe Code Academy sample database.") { create };
    }
}
