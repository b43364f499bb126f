using System.Xml.Linq;

namespace MdgExchange.Architecture.Tests;

/// <summary>
/// The layering of DESIGN.md: Domain references nothing; Storage never reads SDMX files; the application core knows
/// no transport. Checked on the project files (project and package references, so a transitive leak is caught where it
/// is introduced).
/// </summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void Domain_references_no_other_project_and_no_package()
    {
        var (projects, packages) = References("MdgExchange.Domain");

        projects.Should().BeEmpty("Domain is the innermost layer");
        packages.Should().BeEmpty("Domain is plain .NET");
    }

    [Fact]
    public void Storage_references_Domain_only_and_no_SDMX_reader()
    {
        var (projects, packages) = References("MdgExchange.Storage");

        projects.Should().Equal(["MdgExchange.Domain"]);
        packages.Should().NotContain(name => name.StartsWith("Grpc", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Sdmx_file_formats_reference_Domain_only()
    {
        var (projects, packages) = References("MdgExchange.Sdmx");

        projects.Should().Equal(["MdgExchange.Domain"]);
        packages.Should().NotContain(name => name.StartsWith("Grpc", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_application_core_knows_no_transport()
    {
        var (projects, packages) = References("MdgExchange.Application");

        projects.Should().BeSubsetOf(["MdgExchange.Domain", "MdgExchange.Sdmx", "MdgExchange.Storage"]);
        packages.Should().NotContain(name => name.StartsWith("Grpc", StringComparison.Ordinal) || name.StartsWith("Google.Protobuf", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Source, "MdgExchange.Application"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadLines(path).Any(line => line.StartsWith("using MdgExchange.Protos", StringComparison.Ordinal) || line.StartsWith("using Grpc", StringComparison.Ordinal)
                || line.StartsWith("using Microsoft.AspNetCore", StringComparison.Ordinal) || line.StartsWith("using MdgExchange.Server", StringComparison.Ordinal)))
            .ToList();
        sources.Should().BeEmpty("the use cases take and return Domain types; the transports map to and from them");
    }

    [Fact]
    public void The_server_adapts_the_application_core()
    {
        References("MdgExchange.Server").Projects.Should().Contain("MdgExchange.Application");
    }

    [Fact]
    public void The_reference_reader_sees_the_server_references()
    {
        // The reader itself must work: the server does reference gRPC and the three inner projects.
        var (projects, packages) = References("MdgExchange.Server");

        projects.Should().Contain(["MdgExchange.Domain", "MdgExchange.Storage"]);
        packages.Should().Contain("Grpc.AspNetCore");
    }

    internal static (IReadOnlyList<string> Projects, IReadOnlyList<string> Packages) References(string project)
    {
        var path = RepositoryFiles.ProjectFile(project);
        var document = XDocument.Load(path);
        var projects = document.Descendants("ProjectReference")
            .Select(element => Path.GetFileNameWithoutExtension(((string?)element.Attribute("Include") ?? "").Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
        var packages = document.Descendants("PackageReference")
            .Select(element => (string?)element.Attribute("Include") ?? "")
            .Order(StringComparer.Ordinal)
            .ToList();
        var frameworks = document.Descendants("FrameworkReference").Select(element => (string?)element.Attribute("Include") ?? "");
        var sdk = (string?)document.Root?.Attribute("Sdk") ?? "";
        if (sdk.EndsWith(".Web", StringComparison.Ordinal))
        {
            packages.Add("Microsoft.AspNetCore.App (Sdk.Web)");
        }

        packages.AddRange(frameworks.Select(name => name + " (framework)"));
        return (projects, packages);
    }
}
