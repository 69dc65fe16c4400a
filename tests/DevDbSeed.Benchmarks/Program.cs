using BenchmarkDotNet.Running;

// The masking engine on one core: values per second of each transformer and of whole COPY rows.
// Run: dotnet run -c Release --project tests/DevDbSeed.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
