using System.Globalization;

namespace Media.Review.Campaigns;

/// <summary>The pure rules of a review: the technical standard, assignment, aggregation and blind titles.</summary>
internal static class ReviewRules
{
    /// <summary>Every way the video falls short of the standard, each explained for the teacher; empty when it passes.</summary>
    public static List<string> Check(LessonMedia lesson, TechnicalStandard standard)
    {
        var failures = new List<string>();
        var minutes = lesson.DurationSeconds / 60;
        if (minutes < standard.MinMinutes || minutes > standard.MaxMinutes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"课堂实录时长 {minutes:0.#} 分钟，应为 {standard.MinMinutes:0}–{standard.MaxMinutes:0} 分钟的完整一节课。"));
        }

        if (lesson.Width < standard.MinWidth || lesson.Height < standard.MinHeight)
        {
            failures.Add($"分辨率 {lesson.Width}×{lesson.Height}，应不低于 {standard.MinWidth}×{standard.MinHeight}。");
        }

        if (lesson.BitRate / 1000 < standard.MinKbps)
        {
            failures.Add($"码率 {lesson.BitRate / 1000} kbps，应不低于 {standard.MinKbps} kbps。");
        }

        if (!string.Equals(lesson.VideoCodec, standard.VideoCodec, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"视频编码为 {lesson.VideoCodec}，应为 {standard.VideoCodec.ToUpperInvariant()}。");
        }

        if (!string.Equals(lesson.AudioCodec, standard.AudioCodec, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"音频编码为 {lesson.AudioCodec ?? "无"}，应为 {standard.AudioCodec.ToUpperInvariant()}。");
        }

        if (lesson.CardSubject is { } shown && lesson.Subject is { } filed && !string.Equals(shown, filed, StringComparison.Ordinal))
        {
            failures.Add($"片头显示的学科为「{shown}」，与报送的学科「{filed}」不一致，请核对课例信息或片头。");
        }

        return failures;
    }

    /// <summary>A reviewer, where they work (school, county) for conflicts of interest, and the subjects they judge (all when empty).</summary>
    internal sealed record Reviewer(Guid Id, Guid? School, Guid? County, IReadOnlyList<string> Subjects);

    /// <summary>An entry to review, where its teacher works and its subject.</summary>
    internal sealed record Entry(Guid SubmissionId, Guid? School, Guid? County, string? Subject);

    /// <summary>
    /// Gives each entry up to <paramref name="perEntry"/> reviewers: never one from the teacher's school (nor, at county
    /// level, from the teacher's county), only reviewers of the entry's subject, always the least loaded eligible
    /// reviewer first (ties by id, so the result is stable). Entries with fewer eligible reviewers than asked get what there is.
    /// </summary>
    public static List<(Guid SubmissionId, Guid ReviewerId)> Assign(
        IReadOnlyList<Entry> entries, IReadOnlyList<Reviewer> reviewers, int perEntry, ReviewLevel level, IReadOnlyDictionary<Guid, int> currentLoad)
    {
        var load = reviewers.ToDictionary(r => r.Id, r => currentLoad.GetValueOrDefault(r.Id));
        var result = new List<(Guid, Guid)>();
        foreach (var entry in entries)
        {
            var eligible = reviewers
                .Where(r => r.School is null || r.School != entry.School)
                .Where(r => level != ReviewLevel.County || r.County is null || r.County != entry.County)
                .Where(r => r.Subjects.Count == 0 || entry.Subject is null || r.Subjects.Contains(entry.Subject, StringComparer.Ordinal))
                .OrderBy(r => load[r.Id]).ThenBy(r => r.Id)
                .Take(perEntry)
                .ToList();
            foreach (var reviewer in eligible)
            {
                load[reviewer.Id]++;
                result.Add((entry.SubmissionId, reviewer.Id));
            }
        }

        return result;
    }

    /// <summary>The entry's score: the trimmed mean (highest and lowest dropped) with four or more scores, the mean below that; flagged when reviewers disagree by more than the threshold.</summary>
    public static (double Score, bool Disputed) Aggregate(IReadOnlyList<double> totals, double threshold)
    {
        if (totals.Count == 0)
        {
            return (0, false);
        }

        var sorted = totals.Order().ToList();
        var counted = sorted.Count >= 4 ? sorted.Skip(1).Take(sorted.Count - 2).ToList() : sorted;
        return (Math.Round(counted.Average(), 2), sorted[^1] - sorted[0] > threshold);
    }

    /// <summary>The title a reviewer sees: the teacher's name, school and region taken out.</summary>
    public static string BlindTitle(string title, IEnumerable<string?> identifying)
    {
        var blind = title;
        foreach (var name in identifying.Where(n => !string.IsNullOrWhiteSpace(n)).OrderByDescending(n => n!.Length))
        {
            blind = blind.Replace(name!, "＊＊", StringComparison.Ordinal);
        }

        return blind;
    }

    /// <summary>An entry with its aggregated score, where it competes (region) and what it must not duplicate.</summary>
    internal sealed record Ranked(Guid SubmissionId, double Score, DateTimeOffset SubmittedAt, Guid? Region, string? TextbookNode, Guid TeacherId);

    /// <summary>
    /// Who goes up: per region, in score order (ties: earlier submission first), up to the share (at least one) and
    /// the per-region cap; at most one entry per textbook node (grade + subject + edition + 课) per region, and at the
    /// top levels (province, ministry) one per teacher.
    /// </summary>
    public static HashSet<Guid> Promote(IReadOnlyList<Ranked> entries, PromotionRule rule, ReviewLevel level)
    {
        var promoted = new HashSet<Guid>();
        foreach (var region in entries.GroupBy(e => e.Region))
        {
            var quota = Math.Max(1, (int)Math.Floor(rule.Share * region.Count()));
            if (rule.MaxPerRegion is { } cap)
            {
                quota = Math.Min(quota, cap);
            }

            var nodes = new HashSet<string>();
            var teachers = new HashSet<Guid>();
            foreach (var entry in region.OrderByDescending(e => e.Score).ThenBy(e => e.SubmittedAt))
            {
                if (promoted.Count(p => region.Any(e => e.SubmissionId == p)) >= quota)
                {
                    break;
                }

                if (entry.TextbookNode is { } node && !nodes.Add(node))
                {
                    continue;
                }

                if (level >= ReviewLevel.Province && !teachers.Add(entry.TeacherId))
                {
                    continue;
                }

                promoted.Add(entry.SubmissionId);
            }
        }

        return promoted;
    }

    public static string AwardName(ReviewLevel level) => level switch
    {
        ReviewLevel.School => "校级优课",
        ReviewLevel.County => "县级优课",
        ReviewLevel.City => "市级优课",
        ReviewLevel.Province => "省级优课",
        _ => "部级优课",
    };
}
