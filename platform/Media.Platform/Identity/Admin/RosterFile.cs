using System.Text;
using MiniExcelLibs;

namespace Media.Platform.Identity.Admin;

/// <summary>
/// Reads a school roster as schools export it: .xlsx or .csv (UTF-8, or GB18030 as Excel saves it on Chinese Windows),
/// first row the headers, in Chinese (学校标识码, 学校名称, 年级, 班级, 姓名, 教职工号 / 学籍号, 角色, 学科, 职称, 用户名, 学年,
/// 评审级别) or
/// the English names. MiniExcel streams rows, so a province-size file is not held as a workbook in memory.
/// </summary>
public static class RosterFile
{
    public const int MaxRows = 200_000;

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["学校标识码"] = RosterColumns.SchoolCode, ["schoolCode"] = RosterColumns.SchoolCode,
        ["学校名称"] = RosterColumns.SchoolName, ["学校"] = RosterColumns.SchoolName, ["schoolName"] = RosterColumns.SchoolName,
        ["年级"] = RosterColumns.Grade, ["grade"] = RosterColumns.Grade,
        ["班级"] = RosterColumns.Class, ["class"] = RosterColumns.Class,
        ["姓名"] = RosterColumns.Name, ["name"] = RosterColumns.Name,
        ["教职工号"] = RosterColumns.StaffId, ["staffId"] = RosterColumns.StaffId,
        ["学籍号"] = RosterColumns.StudentId, ["全国学籍号"] = RosterColumns.StudentId, ["studentId"] = RosterColumns.StudentId,
        ["角色"] = RosterColumns.Role, ["role"] = RosterColumns.Role,
        ["学科"] = RosterColumns.Subject, ["任教学科"] = RosterColumns.Subject, ["subject"] = RosterColumns.Subject,
        ["职称"] = RosterColumns.Title, ["称号"] = RosterColumns.Title, ["title"] = RosterColumns.Title,
        ["用户名"] = RosterColumns.UserName, ["userName"] = RosterColumns.UserName,
        ["学年"] = RosterColumns.SchoolYear, ["schoolYear"] = RosterColumns.SchoolYear,
        ["评审级别"] = RosterColumns.Level, ["级别"] = RosterColumns.Level, ["level"] = RosterColumns.Level,
    };

    /// <summary>The rows with their line numbers (the header is line 1), or the fatal problem that stops the whole file.</summary>
    public static (List<RosterRow> Rows, (string Code, string Message)? Fatal) Read(Stream content, bool isExcel)
    {
        ArgumentNullException.ThrowIfNull(content);
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = isExcel
                ? MiniExcel.Query(content, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList()
                : MiniExcel.Query(AsUtf8Csv(content), useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            return ([], (RosterProblems.Unreadable, $"The file cannot be read as {(isExcel ? "an .xlsx workbook" : "CSV")}: {e.Message}"));
        }

        if (raw.Count > MaxRows)
        {
            return ([], (RosterProblems.TooManyRows, $"The file has more than {MaxRows} rows; split it by school or county."));
        }

        if (raw.Count == 0)
        {
            return ([], (RosterProblems.Empty, "The file has no rows under its header."));
        }

        var columns = raw[0].Keys.ToDictionary(k => k, k => Headers.GetValueOrDefault(k.Trim()));
        var known = columns.Values.Where(v => v is not null).ToHashSet();
        if (!known.Contains(RosterColumns.Name) || (!known.Contains(RosterColumns.StaffId) && !known.Contains(RosterColumns.StudentId))
            || (!known.Contains(RosterColumns.SchoolCode) && !known.Contains(RosterColumns.SchoolName)))
        {
            return ([], (RosterProblems.Headers, "The header row needs 姓名, 教职工号 or 学籍号, and 学校标识码 or 学校名称 (found: " + string.Join(", ", columns.Keys) + ")."));
        }

        var rows = new List<RosterRow>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (header, value) in raw[i])
            {
                if (columns[header] is { } column && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text)
                {
                    values[column] = text;
                }
            }

            if (values.Count > 0)
            {
                rows.Add(new RosterRow(i + 2, values));
            }
        }

        return (rows, null);
    }

    /// <summary>CSV bytes as UTF-8: kept when they are valid UTF-8, otherwise read as GB18030 (what Excel writes for 中文 Windows).</summary>
    private static MemoryStream AsUtf8Csv(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new MemoryStream(bytes);
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return new MemoryStream(Encoding.UTF8.GetBytes(Encoding.GetEncoding("GB18030").GetString(bytes)));
    }
}

public static class RosterColumns
{
    public const string SchoolCode = "schoolCode";
    public const string SchoolName = "schoolName";
    public const string Grade = "grade";
    public const string Class = "class";
    public const string Name = "name";
    public const string StaffId = "staffId";
    public const string StudentId = "studentId";
    public const string Role = "role";
    public const string Subject = "subject";
    public const string Title = "title";
    public const string UserName = "userName";
    public const string SchoolYear = "schoolYear";
    public const string Level = "level";
}

/// <summary>One line of the file: its number as a spreadsheet shows it, and its values by column.</summary>
public sealed record RosterRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? this[string column] => Values.GetValueOrDefault(column);
}
