using Media.Platform.Identity;
using Media.Review.Campaigns;
using Media.Review.Data;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Review.Demo;

/// <summary>
/// In demo mode, a 一师一优课 campaign with entries waiting for the reviewers: once the demo teacher 张老师's demo lessons
/// are published, the administrator creates the campaign (校级 open now, then 县级 and 市级), 张老师 enters and hands in
/// each lesson, and the school level's entries are given to the reviewers — all through the same
/// <see cref="CampaignSetup"/>, <see cref="SubmissionWorkflow"/> and <see cref="EntryAssignment"/> as the API. Made once.
/// The demo lessons are 46-second slide videos, so the campaign's technical standard asks for half a minute and 64 kbps
/// instead of a full 30-minute lesson.
/// </summary>
internal sealed class DemoCampaign(
    IServiceScopeFactory scopes, IOptions<DemoOptions> demo, IOptions<ReviewOptions> options, TimeProvider time, ILogger<DemoCampaign> logger) : BackgroundService
{
    internal const string DemoAdmin = "admin";
    internal const string DemoTeacher = "teacher";

    internal static string NameFor(int year) => $"{year}年度“一师一优课、一课一名师”晒课评选（演示）";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wanted = options.Value.DemoCampaignEntries;
        if (wanted == 0 || !demo.Value.Enabled)
        {
            return;
        }

        try
        {
            await PrepareAsync(wanted, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PrepareAsync(int wanted, CancellationToken cancellationToken)
    {
        var name = NameFor(time.GetUtcNow().Year);
        User? admin, teacher;
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ReviewDbContext>().Campaigns.AnyAsync(c => c.Name == name, cancellationToken))
            {
                return;
            }

            var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
            admin = await users.FindByUserNameAsync(DemoAdmin, cancellationToken);
            teacher = await users.FindByUserNameAsync(DemoTeacher, cancellationToken);
        }

        if (admin is null || teacher is null)
        {
            logger.LogWarning("演示评选：没有演示账号 {Admin} 或 {Teacher}，不创建演示评选活动", DemoAdmin, DemoTeacher);
            return;
        }

        var lessons = await PublishedLessonsAsync(teacher.Id, wanted, cancellationToken);
        if (lessons.Count == 0)
        {
            logger.LogWarning("演示评选：{Teacher} 没有已发布的课例，不创建演示评选活动", teacher.DisplayName);
            return;
        }

        await using var work = scopes.CreateAsyncScope();
        var services = work.ServiceProvider;
        var adminPrincipal = TokenIssuer.PrincipalOf(admin, "demo");
        var now = time.GetUtcNow();
        var created = await services.GetRequiredService<CampaignSetup>().CreateAsync(adminPrincipal, new NewCampaign(
            name, now.Year, ["school", "county", "city"], Rubric: null, ReviewersPerEntry: 2, DisagreementThreshold: null,
            Standard: new TechnicalStandard(MinMinutes: 0.5, MinKbps: 64),
            Windows: new()
            {
                ["school"] = new LevelWindow(now.AddDays(-1), now.AddDays(14)),
                ["county"] = new LevelWindow(now.AddDays(14), now.AddDays(28)),
                ["city"] = new LevelWindow(now.AddDays(28), now.AddDays(42)),
            },
            RequiredDocuments: []), cancellationToken);
        if (created.Value is not { } campaign)
        {
            logger.LogWarning("演示评选：未能创建评选活动：{Reason}", created.Problem);
            return;
        }

        var workflow = services.GetRequiredService<SubmissionWorkflow>();
        foreach (var lesson in lessons)
        {
            var entered = await workflow.EnterAsync(campaign, lesson.LessonId, teacher.Id, teacher.OrganisationId, cancellationToken);
            var handedIn = entered.Value is { } submission ? await workflow.HandInAsync(submission.Id, teacher.Id, cancellationToken) : entered.As<HandedIn>();
            if (!handedIn.Succeeded)
            {
                logger.LogWarning("演示评选：《{Title}》未能报送：{Reason}", lesson.Title, handedIn.Problem);
            }
        }

        var assigned = await services.GetRequiredService<EntryAssignment>().AssignLevelAsync(adminPrincipal, campaign.Id, "school", cancellationToken);
        if (assigned.Value is { } summary)
        {
            logger.LogInformation("演示评选：《{Name}》已有 {Entries} 件作品分给评审专家（{Assignments} 份评审任务，见 /review）",
                campaign.Name, summary.Entries, summary.Assignments);
        }
        else
        {
            logger.LogWarning("演示评选：未能分配评审：{Reason}", assigned.Problem);
        }
    }

    /// <summary>The demo teacher's published lessons, once <paramref name="wanted"/> of them are (or what there is after 30 minutes).</summary>
    private async Task<List<LessonMedia>> PublishedLessonsAsync(Guid teacherId, int wanted, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddMinutes(30);
        while (true)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var renditions = scope.ServiceProvider.GetRequiredService<IPublishedRenditions>();
                var known = await scope.ServiceProvider.GetRequiredService<ReviewDbContext>().Lessons.AsNoTracking()
                    .Where(l => l.OwnerId == teacherId).ToListAsync(cancellationToken);
                var published = new List<LessonMedia>();
                foreach (var lesson in known)
                {
                    if (await renditions.FindAsync(lesson.LessonId, cancellationToken) is not null)
                    {
                        published.Add(lesson);
                    }
                }

                if (published.Count >= wanted || time.GetUtcNow() >= deadline)
                {
                    return published.OrderBy(l => l.Title, StringComparer.Ordinal).Take(wanted).ToList();
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken);
        }
    }
}
