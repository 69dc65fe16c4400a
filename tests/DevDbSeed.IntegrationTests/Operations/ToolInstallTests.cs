using System.Reflection;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Operations;

/// <summary>
/// devdbseed as a .NET tool: src/DevDbSeed.Cli packs as DevDbSeed.Tool, which <c>dotnet tool install</c> installs from
/// the packed folder alone (a nuget.config clearing every source, a private package folder) into a tool path, and the
/// installed command works: <c>--version</c>, and <c>check</c> against a database.
/// </summary>
public sealed class ToolInstallTests(ToolInstallTests.Installed installed, ITestOutputHelper log) : IClassFixture<ToolInstallTests.Installed>
{
    [Fact]
    public void The_cli_project_packs_as_DevDbSeed_Tool_at_the_version_of_the_assemblies()
    {
        log.WriteLine($"pack: {installed.Pack.Elapsed.TotalSeconds:0.0} s, install: {installed.Install.Elapsed.TotalSeconds:0.0} s");
        Assert.True(installed.Pack.ExitCode == 0, installed.Pack.ToString());
        Assert.Equal($"DevDbSeed.Tool.{Installed.Version}.nupkg", Path.GetFileName(Assert.Single(Directory.GetFiles(installed.Packages))));
    }

    [Fact]
    public void Dotnet_tool_install_from_the_packed_folder_alone_installs_the_command_devdbseed()
    {
        Assert.True(installed.Install.ExitCode == 0, installed.Install.ToString());
        Assert.True(File.Exists(installed.Command), $"no {installed.Command}: {string.Join(", ", Directory.GetFileSystemEntries(installed.Tools))}");
    }

    [Fact]
    public async Task The_installed_devdbseed_prints_its_version()
    {
        var result = await installed.RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(Installed.Version, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_installed_devdbseed_checks_a_pipeline_against_a_database()
    {
        await using var databases = await TestDatabases.CreateAsync();
        using var pipelines = new Pipelines();
        var source = await databases.CreateAsync("src", People.Schema);
        pipelines.Write("rules.yaml", People.Rules);
        var pipeline = pipelines.Pipeline(databases.Uri(source), databases.Uri(databases.Name("dev")));

        var result = await installed.RunAsync("check", pipeline);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("the rules cover the source schema: 1 tables, 2 masked columns", result.Output, StringComparison.Ordinal);
        Assert.Equal([source], await databases.OursAsync());
    }

    [Fact]
    public void The_readme_installs_the_tool_at_the_version_the_project_packs()
    {
        var readme = File.ReadAllText(Path.Combine(ReadmeProgram.RepositoryRoot(), "README.md"));

        var install = Regex.Match(readme, @"^dotnet pack src/DevDbSeed.Cli .*&& dotnet tool install --global DevDbSeed.Tool .*--version (?<version>\S+)$", RegexOptions.Multiline);
        Assert.True(install.Success, "README.md has no line packing and installing DevDbSeed.Tool");
        Assert.Equal(Installed.Version, install.Groups["version"].Value);
    }

    /// <summary>The tool packed from this test run's build and installed into a temporary tool path, once for the class.</summary>
    public sealed class Installed : IAsyncLifetime
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

        private readonly string _root = Directory.CreateTempSubdirectory("devdbseed-tool-").FullName;

        /// <summary>The version every assembly and the package carry (Directory.Build.props), e.g. 0.10.0.</summary>
        public static string Version => typeof(DevDbSeed.Cli.Commands.Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion.Split('+')[0];

        public string Packages => Path.Combine(_root, "packages");

        public string Tools => Path.Combine(_root, "tools");

        public string Command => Path.Combine(Tools, OperatingSystem.IsWindows() ? "devdbseed.exe" : "devdbseed");

        public ProcessResult Pack { get; private set; } = null!;

        public ProcessResult Install { get; private set; } = null!;

        /// <summary>
        /// <c>dotnet pack</c> of src/DevDbSeed.Cli without building again (the binaries of this test run), its publish folder
        /// and nuspec in the temporary folder; then <c>dotnet tool install</c> with only the packed folder as a source and a
        /// package folder of its own, so nothing comes from elsewhere and nothing is left outside.
        /// </summary>
        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Packages);
            Pack = await Processes.RunAsync("dotnet", [
                "pack", Path.Combine(ReadmeProgram.RepositoryRoot(), "src", "DevDbSeed.Cli"), "-c", ReadmeProgram.Configuration, "--no-build",
                "-o", Packages, $"-p:PublishDir={Path.Combine(_root, "publish")}/", $"-p:NuspecOutputPath={Path.Combine(_root, "nuspec")}/",
                "--disable-build-servers", "-nologo",
            ], _root, new Dictionary<string, string?>(), Timeout);
            await Processes.WriteNuGetConfigWithoutSourcesAsync(_root, "nuget.config");
            Install = await Processes.RunAsync("dotnet", [
                "tool", "install", "DevDbSeed.Tool", "--tool-path", Tools, "--add-source", Packages, "--version", Version,
                "--configfile", Path.Combine(_root, "nuget.config"),
            ], _root, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages") }, Timeout);
        }

        /// <summary>Runs the installed command (fails the test when it is not there).</summary>
        public Task<ProcessResult> RunAsync(params string[] arguments)
        {
            Assert.True(File.Exists(Command), $"the tool is not installed:\n{Pack}\n{Install}");
            return Processes.RunAsync(Command, arguments, _root, new Dictionary<string, string?>(), Timeout);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_root, recursive: true);
            return Task.CompletedTask;
        }
    }
}
