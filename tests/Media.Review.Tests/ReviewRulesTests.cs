using Media.Review.Campaigns;

namespace Media.Review.Tests;

public sealed class ReviewRulesTests
{
    private static LessonMedia Lesson(double minutes = 40, int width = 1280, int height = 720, long kbps = 1500, string video = "h264", string? audio = "aac") =>
        new() { LessonId = Guid.NewGuid(), DurationSeconds = minutes * 60, Width = width, Height = height, BitRate = kbps * 1000, VideoCodec = video, AudioCodec = audio };

    [Fact]
    public void Check_StandardLesson_Passes()
    {
        Assert.Empty(ReviewRules.Check(Lesson(), new TechnicalStandard()));
    }

    [Fact]
    public void Check_EveryShortfall_IsExplained()
    {
        var failures = ReviewRules.Check(Lesson(minutes: 12, width: 640, height: 360, kbps: 300, video: "hevc", audio: null), new TechnicalStandard());

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.Contains("12 分钟", StringComparison.Ordinal) && f.Contains("30–45", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("640×360", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("300 kbps", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("hevc", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("音频编码为 无", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TitleCardShowsAnotherSubject_IsFlaggedAndTheSameSubjectIsNot()
    {
        var filedAsChinese = Lesson();
        filedAsChinese.Subject = "语文";
        filedAsChinese.CardSubject = "数学";

        var failure = Assert.Single(ReviewRules.Check(filedAsChinese, new TechnicalStandard()));
        Assert.Contains("「数学」", failure, StringComparison.Ordinal);
        Assert.Contains("「语文」", failure, StringComparison.Ordinal);

        filedAsChinese.CardSubject = "语文";
        Assert.Empty(ReviewRules.Check(filedAsChinese, new TechnicalStandard()));
    }

    [Fact]
    public void Assign_NeverOwnSchoolNorCountyAtCountyLevel_AndBalancesLoad()
    {
        Guid schoolA = Guid.NewGuid(), schoolB = Guid.NewGuid(), countyX = Guid.NewGuid(), countyY = Guid.NewGuid();
        var sameSchool = new ReviewRules.Reviewer(Guid.NewGuid(), schoolA, countyX, []);
        var sameCounty = new ReviewRules.Reviewer(Guid.NewGuid(), schoolB, countyX, []);
        var elsewhere1 = new ReviewRules.Reviewer(Guid.NewGuid(), Guid.NewGuid(), countyY, []);
        var elsewhere2 = new ReviewRules.Reviewer(Guid.NewGuid(), Guid.NewGuid(), countyY, []);
        var entries = Enumerable.Range(0, 4).Select(_ => new ReviewRules.Entry(Guid.NewGuid(), schoolA, countyX, "语文")).ToList();
        var reviewers = new[] { sameSchool, sameCounty, elsewhere1, elsewhere2 };

        var school = ReviewRules.Assign(entries, reviewers, 2, ReviewLevel.School, new Dictionary<Guid, int>());
        var county = ReviewRules.Assign(entries, reviewers, 2, ReviewLevel.County, new Dictionary<Guid, int>());

        Assert.DoesNotContain(school, p => p.ReviewerId == sameSchool.Id);
        Assert.Contains(school, p => p.ReviewerId == sameCounty.Id);
        Assert.All(county, p => Assert.True(p.ReviewerId == elsewhere1.Id || p.ReviewerId == elsewhere2.Id));
        // 8 assignments over 3 eligible reviewers at school level: loads differ by at most one.
        var loads = school.GroupBy(p => p.ReviewerId).Select(g => g.Count()).ToList();
        Assert.Equal(8, school.Count);
        Assert.True(loads.Max() - loads.Min() <= 1);
        Assert.All(entries, e => Assert.Equal(2, school.Count(p => p.SubmissionId == e.SubmissionId)));
    }

    [Fact]
    public void Assign_OnlyReviewersOfTheEntrysSubject()
    {
        var chinese = new ReviewRules.Reviewer(Guid.NewGuid(), null, null, ["语文"]);
        var maths = new ReviewRules.Reviewer(Guid.NewGuid(), null, null, ["数学", "物理"]);
        var anything = new ReviewRules.Reviewer(Guid.NewGuid(), null, null, []);
        var physics = new ReviewRules.Entry(Guid.NewGuid(), null, null, "物理");
        var unknown = new ReviewRules.Entry(Guid.NewGuid(), null, null, null);

        var pairs = ReviewRules.Assign([physics, unknown], [chinese, maths, anything], 3, ReviewLevel.School, new Dictionary<Guid, int>());

        Assert.Equal(new[] { maths.Id, anything.Id }.Order(), pairs.Where(p => p.SubmissionId == physics.SubmissionId).Select(p => p.ReviewerId).Order());
        Assert.Equal(3, pairs.Count(p => p.SubmissionId == unknown.SubmissionId));
    }

    [Fact]
    public void Fingerprint_SimilarityCountsMatchingBits()
    {
        var gradient = Enumerable.Range(0, 72).Select(i => (byte)(255 - (i % 9 * 20))).ToArray();
        var noisy = gradient.Select((b, i) => (byte)(i % 5 == 0 ? b - 3 : b)).ToArray();
        var flat = new byte[72];

        Assert.Equal(ulong.MaxValue, VideoFingerprint.Hash(gradient));
        Assert.Equal(1.0, VideoFingerprint.Similarity([VideoFingerprint.Hash(gradient)], [VideoFingerprint.Hash(noisy)]));
        Assert.Equal(0.0, VideoFingerprint.Similarity([VideoFingerprint.Hash(gradient)], [VideoFingerprint.Hash(flat)]));
        Assert.Equal(0.5, VideoFingerprint.Similarity([ulong.MaxValue, 0], [ulong.MaxValue, ulong.MaxValue]));
        ulong[] frames = [0x0123456789abcdef, ulong.MaxValue];
        Assert.Equal(frames, VideoFingerprint.Parse(VideoFingerprint.Format(frames)));
    }

    [Theory]
    [InlineData(new double[] { 80, 85, 75 }, 80, false)]
    [InlineData(new double[] { 60, 80, 85, 95 }, 82.5, true)]
    [InlineData(new double[] { 88, 90 }, 89, false)]
    public void Aggregate_TrimsWithFourOrMoreAndFlagsDisagreement(double[] totals, double expected, bool disputed)
    {
        var (score, flagged) = ReviewRules.Aggregate(totals, threshold: 15);

        Assert.Equal(expected, score);
        Assert.Equal(disputed, flagged);
    }

    [Fact]
    public void BlindTitle_RemovesNamesSchoolsAndRegions()
    {
        var blind = ReviewRules.BlindTitle("张老师《背影》济南市历下实验中学 历下区", ["张老师", "济南市历下实验中学", "历下区", "济南市", null]);

        Assert.DoesNotContain("张老师", blind, StringComparison.Ordinal);
        Assert.DoesNotContain("历下", blind, StringComparison.Ordinal);
        Assert.Contains("《背影》", blind, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_ShareOfARegionOneNodeEachAndOnePerTeacherAtTheTop()
    {
        var region = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 10).Select(i => new ReviewRules.Ranked(Guid.NewGuid(), 90 - i, start.AddMinutes(i), region, $"node{i}", Guid.NewGuid())).ToList();
        var duplicateNode = entries[1] with { TextbookNode = entries[0].TextbookNode };
        var sameTeacher = entries[1] with { TeacherId = entries[0].TeacherId };
        var other = new ReviewRules.Ranked(Guid.NewGuid(), 10, start, Guid.NewGuid(), null, Guid.NewGuid());

        var shared = ReviewRules.Promote([.. entries, other], new PromotionRule(0.3), ReviewLevel.County);
        var capped = ReviewRules.Promote(entries, new PromotionRule(0.5, MaxPerRegion: 2), ReviewLevel.County);
        var nodes = ReviewRules.Promote([entries[0], duplicateNode, .. entries.Skip(2)], new PromotionRule(0.3), ReviewLevel.County);
        var teachers = ReviewRules.Promote([entries[0], sameTeacher, .. entries.Skip(2)], new PromotionRule(0.3), ReviewLevel.Province);

        Assert.Equal(new[] { entries[0].SubmissionId, entries[1].SubmissionId, entries[2].SubmissionId, other.SubmissionId }.Order(), shared.Order());
        Assert.Equal(2, capped.Count);
        Assert.DoesNotContain(duplicateNode.SubmissionId, nodes);
        Assert.Contains(entries[3].SubmissionId, nodes);
        Assert.DoesNotContain(sameTeacher.SubmissionId, teachers);
    }
}
