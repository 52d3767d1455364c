using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Media.Classroom;

/// <summary>Live lessons: SignalR hub, rooms and roles, Janus VideoRoom, recording, co-watching.</summary>
public static class ClassroomModule
{
    public static IHostApplicationBuilder AddClassroom(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static WebApplication MapClassroom(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
