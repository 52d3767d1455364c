using Media.Classroom.Data;
using Media.Classroom.Sessions;
using Media.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Classroom.Demo;

/// <summary>
/// In demo mode, a 同步课堂 for today: the demo teacher 张老师 hosts it from the demo class 八年级(1)班 (whose student 王同学
/// may join), with a remote classroom taught by 李老师. Scheduled once, through the same <see cref="SessionScheduler"/> as the API.
/// </summary>
internal sealed class DemoClass(IServiceScopeFactory scopes, IOptions<DemoOptions> demo, IOptions<ClassroomOptions> options, TimeProvider time, ILogger<DemoClass> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.Enabled || !options.Value.DemoClass)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var teacher = await services.GetRequiredService<UserDirectory>().FindByUserNameAsync("teacher", stoppingToken);
        if (teacher is null || await services.GetRequiredService<ClassroomDbContext>().Sessions.AnyAsync(s => s.HostId == teacher.Id, stoppingToken))
        {
            return;
        }

        var found = await services.GetRequiredService<ClassDirectory>().ClassesAsync(teacher.OrganisationId, "八年级(1)班", stoppingToken);
        var pupils = found.Count > 0 ? found[0] : null;
        var starts = time.GetUtcNow();
        var request = new NewSession(
            "同步课堂：勾股定理（历下实验中学 × 青岛市实验小学）", "synchronous-class", starts, starts.AddHours(12), null,
            [new NewClassroom(pupils is null ? "济南市历下实验中学 八年级(1)班" : null, null, pupils?.Id), new NewClassroom("青岛市实验小学 远端教室", "teacher2")],
            pupils is null ? [new NewInvitee("student", "student")] : [], Recording: false);
        var scheduled = await services.GetRequiredService<SessionScheduler>()
            .ScheduleAsync(request, TokenIssuer.PrincipalOf(teacher, "demo"), stoppingToken);
        if (scheduled.Session is { } session)
        {
            logger.LogInformation("演示：已安排今天的同步课堂《{Title}》（/classroom/{Id}）", session.Title, session.Id);
        }
        else
        {
            logger.LogWarning("演示：同步课堂未能安排：{Reason}", scheduled.Refusal);
        }
    }
}
