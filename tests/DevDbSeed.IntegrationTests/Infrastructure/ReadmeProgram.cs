using System.Reflection;
using System.Text.RegularExpressions;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// The program of the README's "Use it from .NET" section, built as its reader would: Program.cs of a console
/// project referencing src/DevDbSeed.Core and src/DevDbSeed.Postgres, in a temporary folder, with the dotnet CLI.
/// </summary>
public sealed partial class ReadmeProgram : IDisposable
{
    public const string Section = "## Use it from .NET";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private ReadmeProgram(string directory) => Directory = directory;

    /// <summary>The temporary project folder.</summary>
    public string Directory { get; }

    /// <summary>The folder holding DevDbSeed.sln, found by walking up from the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DevDbSeed.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no DevDbSeed.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The first code block of the README's section: it must be a csharp block.</summary>
    public static string Source()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{Section}'");
        var end = readme.IndexOf("\n## ", start + Section.Length + 2, StringComparison.Ordinal);
        var block = CodeBlock().Match(readme[start..(end < 0 ? readme.Length : end)]);
        Assert.True(block.Success, $"the section '{Section}' has no code block");
        Assert.Equal("csharp", block.Groups["language"].Value);
        return block.Groups["code"].Value;
    }

    /// <summary>
    /// Writes the project and builds it. The src projects are not built again: the references resolve to what this
    /// test run already built (its own configuration), and nothing is written beside them. Restore uses only the
    /// local package cache (no package source), and no build server outlives the build.
    /// </summary>
    public static async Task<(ReadmeProgram Program, ProcessResult Build)> BuildAsync(string programSource)
    {
        var root = RepositoryRoot();
        var program = new ReadmeProgram(System.IO.Directory.CreateTempSubdirectory("devdbseed-readme-").FullName);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(program.Directory, "Program.cs"), programSource);
            await File.WriteAllTextAsync(Path.Combine(program.Directory, "ReadmeProgram.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(root, "src", "DevDbSeed.Core", "DevDbSeed.Core.csproj")}" />
                    <ProjectReference Include="{Path.Combine(root, "src", "DevDbSeed.Postgres", "DevDbSeed.Postgres.csproj")}" />
                  </ItemGroup>
                </Project>
                """);
            await Processes.WriteNuGetConfigWithoutSourcesAsync(program.Directory, "NuGet.config");
            File.Copy(Path.Combine(root, "global.json"), Path.Combine(program.Directory, "global.json"));
            var build = await Processes.RunAsync("dotnet", ["build", "-c", Configuration, "--no-dependencies", "--disable-build-servers", "-nologo"],
                program.Directory, new Dictionary<string, string?>(), BuildTimeout);
            return (program, build);
        }
        catch
        {
            program.Dispose();
            throw;
        }
    }

    /// <summary>Runs the built program with these environment variables (null: unset).</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> environment) =>
        Processes.RunAsync("dotnet", [Path.Combine(Directory, "bin", Configuration, "net10.0", "ReadmeProgram.dll")], Directory, environment, RunTimeout);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>This test run's configuration (Release under scripts/test.sh): the src projects' binaries of it exist.</summary>
    public static string Configuration =>
        typeof(ReadmeProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    [GeneratedRegex(@"^```(?<language>[a-z]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
