using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Review.Campaigns;

/// <summary>The materials of a submission besides the video, with the names teachers know.</summary>
internal static class DocumentKinds
{
    public const string Design = "design";
    public const string Courseware = "courseware";
    public const string Worksheet = "worksheet";
    public const string Assessment = "assessment";

    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>
    {
        [Design] = "教学设计", [Courseware] = "课件", [Worksheet] = "学案", [Assessment] = "评测练习",
    };
}
