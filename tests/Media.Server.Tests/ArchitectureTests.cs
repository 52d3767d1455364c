using NetArchTest.Rules;

namespace Media.Server.Tests;

/// <summary>Modules talk through platform contracts, never through each other's internals.</summary>
public sealed class ArchitectureTests
{
    private static readonly (string Name, System.Reflection.Assembly Assembly)[] Modules =
    [
        ("Media.Ingest", typeof(Media.Ingest.IngestModule).Assembly),
        ("Media.Transcoding", typeof(Media.Transcoding.TranscodingModule).Assembly),
        ("Media.Streaming", typeof(Media.Streaming.StreamingModule).Assembly),
        ("Media.Catalog", typeof(Media.Catalog.CatalogModule).Assembly),
        ("Media.Review", typeof(Media.Review.ReviewModule).Assembly),
        ("Media.Classroom", typeof(Media.Classroom.ClassroomModule).Assembly),
    ];

    public static TheoryData<string> ModuleNames => new(Modules.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_ReferencesNoOtherModuleOnlyItsContracts(string module)
    {
        var assembly = Modules.Single(m => m.Name == module).Assembly;
        var others = Modules.Where(m => m.Name != module).Select(m => m.Name).ToHashSet();

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(others.Contains).ToList();

        Assert.True(references.Count == 0, $"{module} references {string.Join(", ", references)}; use their .Contracts instead");
    }

    public static TheoryData<string> ContractNames => new(Contracts.Select(c => c.GetName().Name!));

    private static readonly System.Reflection.Assembly[] Contracts =
    [
        typeof(Media.Ingest.Contracts.MediaAccepted).Assembly,
        typeof(Media.Transcoding.Contracts.LessonPublished).Assembly,
        typeof(Media.Streaming.Contracts.LessonEngagementChanged).Assembly,
        typeof(Media.Review.Contracts.LessonAwarded).Assembly,
    ];

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Contracts_DependOnNoModuleImplementation(string contracts)
    {
        var assembly = Contracts.Single(c => c.GetName().Name == contracts);
        var implementations = Modules.Select(m => m.Name + ".").Where(m => !contracts.StartsWith(m, StringComparison.Ordinal));
        var result = Types.InAssembly(assembly)
            .ShouldNot().HaveDependencyOnAny([.. implementations, "Media.Platform", "Microsoft.EntityFrameworkCore"]).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Platform_DependsOnNoModuleAndNoHost()
    {
        var result = Types.InAssembly(typeof(Media.Platform.PlatformModule).Assembly)
            .ShouldNot().HaveDependencyOnAny([.. Modules.Select(m => m.Name), "Media.Server"]).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_ExposesOnlyItsModuleClassAndContracts(string module)
    {
        var assembly = Modules.Single(m => m.Name == module).Assembly;

        // EF Core generates its migrations public; they are found by attribute, never used by name.
        var exported = assembly.GetExportedTypes().Where(t => !t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .Select(t => t.FullName).ToList();

        // Everything else is internal: other modules use the .Contracts assembly, the host only AddXxx/MapXxx.
        Assert.Equal([$"{module}.{module["Media.".Length..]}Module"], exported);
    }
}
