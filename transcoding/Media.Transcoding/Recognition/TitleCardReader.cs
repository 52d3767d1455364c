using System.Text.RegularExpressions;
using Media.Transcoding.Contracts;

namespace Media.Transcoding.Recognition;

/// <summary>
/// Reads the title card a 一师一优课 recording opens with from the on-screen text of its first seconds: labelled fields
/// (课题：背影, 学科：语文) first, then the shapes such cards use unlabelled (八年级上册, 人教版, …中学, 张老师).
/// </summary>
internal static partial class TitleCardReader
{
    /// <summary>Only text shown this early belongs to the card.</summary>
    public const double CardSeconds = 15;

    private static readonly string[] Subjects =
        ["道德与法治", "信息技术", "语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "科学", "音乐", "美术", "体育", "劳动"];

    public static TitleCard? Read(IReadOnlyList<ScreenTextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var card = lines.Where(l => l.StartSeconds < CardSeconds).Select(l => l.Text.Trim()).ToList();
        if (card.Count == 0)
        {
            return null;
        }

        var text = string.Join('\n', JoinLoneLabels(card));
        var title = Labelled(text, "课题|课名|题目");
        var volume = Volume().Match(text) is { Success: true } v ? v.Value : Labelled(text, "册次");
        var grade = Labelled(text, "年级") ?? (Grade().Match(text) is { Success: true } g ? g.Value : null);
        var edition = Labelled(text, "教材版本|版本|教材") ?? (Edition().Match(text) is { Success: true } e ? e.Value : null);
        // 语文版 is an edition: the subject is looked for outside the edition's name.
        var withoutEdition = edition is null ? text : text.Replace(edition, "", StringComparison.Ordinal);
        var subject = Labelled(text, "学科|科目") ?? Subjects.FirstOrDefault(s => withoutEdition.Contains(s, StringComparison.Ordinal));
        var school = Labelled(text, "学校|单位") ?? (School().Match(text) is { Success: true } sc ? sc.Value : null);
        var teacher = Labelled(text, "教师|授课教师|执教|授课人|主讲") ?? (Teacher().Match(text) is { Success: true } t ? t.Value : null);
        var stage = Labelled(text, "学段") ?? StageOf(grade);
        return title is null && subject is null && grade is null && edition is null && school is null && teacher is null
            ? null
            : new TitleCard(title, stage, grade, subject, edition, volume, school, teacher);
    }

    private static string? Labelled(string text, string labels)
    {
        // The colon is often lost in reading (课题 背影): a label followed by a space counts as well.
        var match = Regex.Match(text, $@"(?:^|\s)(?:{labels})(?:\s*[:：]\s*|\s+)(?<value>[^\n]+?)(?=\s+\S+\s*[:：]|\n|$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["value"].Value.Trim() : null;
    }

    private static readonly Regex LoneLabel = new(@"^(?:课题|课名|题目|学段|年级|学科|科目|教材版本|版本|教材|册次|学校|单位|教师|授课教师|执教|授课人|主讲)\s*[:：]?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>A label read as a block of its own (课题 | 背影) is joined with the value read after it.</summary>
    private static IEnumerable<string> JoinLoneLabels(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (LoneLabel.IsMatch(lines[i]) && i + 1 < lines.Count && !LoneLabel.IsMatch(lines[i + 1]))
            {
                yield return lines[i].TrimEnd(':', '：') + "：" + lines[++i];
            }
            else
            {
                yield return lines[i];
            }
        }
    }

    /// <summary>小学 for 一–六年级, 初中 for 七–九年级, 高中 for 高一–高三; null otherwise.</summary>
    private static string? StageOf(string? grade) => grade switch
    {
        null => null,
        _ when grade.StartsWith('高') => "高中",
        _ when "七八九".Contains(grade[0], StringComparison.Ordinal) => "初中",
        _ when "一二三四五六".Contains(grade[0], StringComparison.Ordinal) => "小学",
        _ => null,
    };

    [GeneratedRegex("[一二三四五六七八九]年级[上下]册")]
    private static partial Regex Volume();

    [GeneratedRegex("[一二三四五六七八九]年级|高[一二三]")]
    private static partial Regex Grade();

    [GeneratedRegex("(?:人教|统编|部编|北师大|苏教|沪教|外研|湘教|浙教|鲁教|华东师大|冀教|语文|青岛|粤教|教科)版")]
    private static partial Regex Edition();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{2,20}(?:小学|中学|学校|一中|二中|三中)")]
    private static partial Regex School();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{1,3}老师")]
    private static partial Regex Teacher();
}
