using Media.Cli.Import;
using Media.Ingest.Contracts;
using Media.Testing;

namespace Media.Cli.Tests;

public sealed class ManifestTests : IDisposable
{
    private readonly TempFolder _folder = new("manifest");

    private string Write(string name, string content)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Parse_QuotedFieldsWithCommasQuotesAndNewlines_AreKept()
    {
        var rows = CsvRows.Parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n");

        Assert.Equal(["x, y", "say \"hi\"", "line1\nline2"], rows[1]);
    }

    [Fact]
    public void Read_ChineseHeaders_MapToMetadataKeys()
    {
        var path = Write("m.csv", "\uFEFF文件,课题,学段,学科,教材版本,册,单元,课,教师,教师称号,学校,地区,年份\n" +
            "a/背影.mp4,背影,初中,语文,人教版,八年级上册,第四单元,13 背影,朱老师,特级教师,历下实验中学,济南市,2024\n");

        var row = Assert.Single(LessonManifest.Read(path));

        Assert.Equal("a/背影.mp4", row.File);
        Assert.Equal("人教版", row.Metadata["edition"]);
        Assert.Equal("特级教师", row.Metadata["teacherTitle"]);
        Assert.Equal("2024", row.Metadata["year"]);
        Assert.DoesNotContain("file", row.Metadata.Keys);
    }

    [Fact]
    public void Read_JsonManifest_ReadsLessons()
    {
        var path = Write("m.json", """{"lessons":[{"file":"x.mp4","title":"勾股定理","subject":"数学","year":2023}]}""");

        var row = Assert.Single(LessonManifest.Read(path));

        Assert.Equal("勾股定理", row.Metadata["title"]);
        Assert.Equal("2023", row.Metadata["year"]);
    }

    [Theory]
    [InlineData("m.csv", "file,colour\nx.mp4,red\n", "unknown column 'colour'")]
    [InlineData("m.csv", "file,title\n,无文件\n", "row 1: the file column is empty")]
    [InlineData("m.csv", "file,title\nx.mp4,a,b\n", "row 1: 3 fields")]
    [InlineData("m.csv", "file,title\n", "has no rows")]
    [InlineData("m.json", "{\"file\":1", "not valid JSON")]
    [InlineData("m.txt", "file\nx.mp4", "must be .csv or .json")]
    public void Read_BadManifest_FailsWithOneClearReason(string name, string content, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => LessonManifest.Read(Write(name, content)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
