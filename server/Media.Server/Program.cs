using Media.Catalog;
using Media.Classroom;
using Media.Ingest;
using Media.Platform;
using Media.Review;
using Media.Server;
using Media.Streaming;
using Media.Transcoding;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPlatform().AddIngest().AddTranscoding().AddStreaming().AddCatalog().AddReview().AddClassroom().AddWebHost();

    var app = builder.Build();
    app.MapPlatform();
    if (app.ServesWeb())
    {
        app.MapIngest(); app.MapTranscoding(); app.MapStreaming(); app.MapCatalog(); app.MapReview(); app.MapClassroom(); app.MapWebHost();
    }

    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.TryDescribe(e, out var line))
{
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>The all-in-one host; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
