using DevDbSeed.Cli.Commands;

return await Cli.RunAsync(args);
