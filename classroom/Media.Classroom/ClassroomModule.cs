using Media.Classroom.Live;
using Media.Classroom.Media;
using Media.Classroom.Sessions;
using Media.Platform.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Media.Classroom.Data;

namespace Media.Classroom;

/// <summary>Live lessons: SignalR hub, rooms and roles, Janus VideoRoom, recording, co-watching.</summary>
public static class ClassroomModule
{
    public static IHostApplicationBuilder AddClassroom(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleDatabase<ClassroomDbContext, SqliteClassroomDbContext, PostgresClassroomDbContext>(ClassroomDbContext.SchemaName);
        builder.Services.AddSingleton<LiveRooms>();
        // A signalling message (an SDP offer with its candidates) may be 64 KiB of text: SignalR's default 32 KB would
        // close the connection instead of letting the hub refuse it with a message.
        builder.Services.AddSingleton<HubCallLimiter>();
        builder.Services.AddSignalR().AddHubOptions<ClassroomHub>(o =>
        {
            o.MaximumReceiveMessageSize = ClassroomHub.MaxMessageBytes;
            o.AddFilter<HubCallLimiter>();
        });
        builder.Services.AddOptions<ClassroomOptions>().BindConfiguration(ClassroomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(nameof(MediaPlane), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<MediaPlane>();
        builder.Services.AddSingleton<LiveBroadcaster>();
        builder.Services.AddScoped<SessionEnding>();
        builder.Services.AddScoped<SessionScheduler>();
        builder.Services.AddHostedService<Demo.DemoClass>();
        builder.Services.AddSingleton(new Platform.Web.NavigationItem("Nav.Classroom", "Home.Classroom", "/classroom", Order: 30));
        builder.Services.AddTransient<Recording.RecordingJob>();
        // Browsers talk to Janus directly (WebSocket or HTTP): the pages' content security policy must allow its origin.
        var options = Platform.StartupOptions.Read<ClassroomOptions>(builder.Configuration, ClassroomOptions.Section);
        if ((options.JanusBrowserUrl ?? options.JanusUrl) is { } janus)
        {
            var secure = janus.Scheme is "https" or "wss";
            builder.Services.AddSingleton(new Platform.Web.ConnectSource($"{(secure ? "wss" : "ws")}://{janus.Authority}"));
            builder.Services.AddSingleton(new Platform.Web.ConnectSource($"{(secure ? "https" : "http")}://{janus.Authority}"));
        }

        return builder;
    }

    public static WebApplication MapClassroom(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSessionEndpoints();
        // Stateful reconnect: a client that loses its link for a moment gets the messages it missed, with the same connection.
        app.MapHub<ClassroomHub>("/hubs/classroom", o =>
        {
            o.AllowStatefulReconnects = true;
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling;
        });
        return app;
    }
}
