using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>A yearly review campaign (一师一优课): levels, a rubric, how many reviewers score each entry, and the technical standard.</summary>
internal sealed class Campaign
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    public List<ReviewLevel> Levels { get; set; } = [];
    public List<Criterion> Rubric { get; set; } = [];
    public int ReviewersPerEntry { get; set; } = 3;

    /// <summary>Reviewers whose totals differ by more than this flag the entry for arbitration.</summary>
    public double DisagreementThreshold { get; set; } = 15;

    public TechnicalStandard Standard { get; set; } = new();

    /// <summary>Who goes up a level: at most this share of each region's entries (at least one), and at most a count per region.</summary>
    public PromotionRule Promotion { get; set; } = new();

    /// <summary>Continuing-education hours credited per award level (校级 … 部级).</summary>
    public Dictionary<string, double> Hours { get; set; } = new() { ["school"] = 2, ["county"] = 4, ["city"] = 6, ["province"] = 8, ["ministry"] = 10 };

    /// <summary>When each level's review runs: teachers submit to the first level inside its window; reviewers score at a level inside its window.</summary>
    public Dictionary<string, LevelWindow> Windows { get; set; } = [];

    /// <summary>Materials a submission must carry besides the video (default 教学设计 and 课件).</summary>
    public List<string> RequiredDocuments { get; set; } = [DocumentKinds.Design, DocumentKinds.Courseware];

    /// <summary>Lessons awarded at this level or above are opened to the public; none when null.</summary>
    public ReviewLevel? PublicFrom { get; set; }

    /// <summary>Public notice periods (公示) started per level and region, during which teachers may appeal.</summary>
    public List<Notice> Notices { get; set; } = [];

    /// <summary>Levels whose results are published, with the ranked list as published: immutable.</summary>
    public List<PublishedLevel> Published { get; set; } = [];
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
