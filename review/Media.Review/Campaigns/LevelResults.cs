using Media.Platform.Events;
using Media.Review.Contracts;
using Media.Review.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>
/// A level's results in a region: the standings level admins decide by, the public notice (公示) and publication by
/// the quota rules, with the awards, certificates and promotions it brings. Endpoints check roles and readiness;
/// this type changes the entries (through <see cref="SubmissionWorkflow"/>) and the campaign.
/// </summary>
internal sealed class LevelResults(ReviewDbContext db, ReviewScope scope, SubmissionWorkflow workflow, DomainEvents events)
{
    public DateTimeOffset Now => workflow.Now;

    /// <summary>An entry at a level with everything a level admin decides by.</summary>
    public sealed record Standing(
        Submission Submission, LessonMedia Lesson, List<double> Totals, int Pending, double Aggregate, bool Disputed, Guid? Region, string? TextbookNode)
    {
        public double Score => Submission.ArbitratedScore ?? Aggregate;
    }

    /// <summary>The entries in review at a level in a region (all when null), not yet published, with their scores.</summary>
    public async Task<List<Standing>> StandingsAsync(Campaign campaign, ReviewLevel level, Guid? region, CancellationToken cancellationToken)
    {
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && s.Level == level && (s.State == SubmissionState.InReview || s.State == SubmissionState.Scored))
            .ToListAsync(cancellationToken);
        var ids = submissions.Select(s => s.Id).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.SubmissionId) && a.Level == level && a.DeclinedAt == null).ToListAsync(cancellationToken);
        var lessonIds = submissions.Select(s => s.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.LessonId)).ToDictionaryAsync(l => l.LessonId, cancellationToken);
        var standings = new List<Standing>();
        foreach (var submission in submissions)
        {
            if (ReviewLevels.IsPublished(campaign, submission.Id, level) || !await scope.CoversAsync(region, submission.SchoolId, cancellationToken))
            {
                continue;
            }

            var mine = assignments.Where(a => a.SubmissionId == submission.Id).ToList();
            var totals = mine.Where(a => a.Final).Select(a => a.Scores.Values.Sum()).ToList();
            var (aggregate, disputed) = ReviewRules.Aggregate(totals, campaign.DisagreementThreshold);
            var lesson = lessons[submission.LessonId];
            var competition = level == ReviewLevel.Ministry ? null : (await scope.AncestorAsync(submission.SchoolId, ReviewScope.CompetitionKind(level), cancellationToken))?.Id;
            var node = lesson.Lesson is null ? null : string.Join('|', lesson.Grade, lesson.Subject, lesson.Edition, lesson.Lesson);
            standings.Add(new Standing(submission, lesson, totals, mine.Count(a => !a.Final), aggregate, disputed, competition, node));
        }

        return standings;
    }

    /// <summary>The region's notice at a level whose results are not yet published, if any.</summary>
    public static Notice? CurrentNotice(Campaign campaign, ReviewLevel level, Guid? region) =>
        campaign.Notices.LastOrDefault(n => n.Level == ReviewLevels.NameOf(level) && n.Region == region
            && !campaign.Published.Any(p => p.Level == n.Level && p.Region == n.Region && p.PublishedAt >= n.StartedAt));

    public static HashSet<Guid> Winners(Campaign campaign, ReviewLevel level, IEnumerable<Standing> standings) =>
        ReviewRules.Promote(standings.Select(s => new ReviewRules.Ranked(s.Submission.Id, s.Score, s.Submission.SubmittedAt, s.Region, s.TextbookNode, s.Submission.TeacherId)).ToList(),
            campaign.Promotion, level);

    /// <summary>Puts the standings on public notice until <paramref name="endsAt"/>; saved by the caller.</summary>
    public Notice PutOnNotice(Campaign campaign, ReviewLevel level, Guid? region, List<Standing> standings, DateTimeOffset endsAt, Guid adminId)
    {
        var notice = new Notice(ReviewLevels.NameOf(level), region, Now, endsAt);
        campaign.Notices = [.. campaign.Notices, notice];
        foreach (var standing in standings)
        {
            workflow.PutOnNotice(standing.Submission.Id, adminId, standing.Score, endsAt);
        }

        return notice;
    }

    /// <summary>
    /// Publishes the level in the region for good: the winners by the quota rules get the award, a certificate with the
    /// level's hours and go up to the next level; the others are not promoted. The catalog hears of each award.
    /// </summary>
    public async Task<PublishedLevel> PublishAsync(Campaign campaign, ReviewLevel level, Guid? region, List<Standing> standings, Guid adminId, CancellationToken cancellationToken)
    {
        var now = Now;
        var winners = Winners(campaign, level, standings);
        var next = campaign.Levels.Where(l => l > level).Order().Cast<ReviewLevel?>().FirstOrDefault();
        var awards = new List<LessonAwarded>();
        var ids = standings.Select(s => s.Submission.Id).ToList();
        var tracked = await db.Submissions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var standing in standings)
        {
            var submission = tracked[standing.Submission.Id];
            if (winners.Contains(submission.Id))
            {
                workflow.Award(submission, level, next, adminId, standing.Score);
                db.Certificates.Add(new Certificate
                {
                    Id = Guid.NewGuid(), TeacherId = submission.TeacherId, CampaignId = campaign.Id, LessonId = submission.LessonId, Level = level,
                    Hours = campaign.Hours.GetValueOrDefault(ReviewLevels.NameOf(level)), IssuedAt = now,
                });
                awards.Add(new LessonAwarded(submission.LessonId, ReviewRules.AwardName(level), campaign.Year, campaign.Name, campaign.PublicFrom is { } from && level >= from));
            }
            else
            {
                workflow.NotPromoted(submission, level, adminId, standing.Score);
            }
        }

        var ranked = standings.OrderByDescending(s => s.Score).ThenBy(s => s.Submission.SubmittedAt).Select(s => s.Submission.Id).ToList();
        var published = new PublishedLevel(ReviewLevels.NameOf(level), now, ranked.Where(winners.Contains).ToList(), ranked, region);
        campaign.Published = [.. campaign.Published, published];
        foreach (var award in awards)
        {
            events.Publish(db, award);
        }

        await db.SaveChangesAsync(cancellationToken);

        return published;
    }
}
