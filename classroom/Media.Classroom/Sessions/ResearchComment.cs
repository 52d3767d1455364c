using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>A teaching-research remark pinned to a moment of the lesson watched together.</summary>
internal sealed class ResearchComment
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid LessonId { get; set; }
    public Guid UserId { get; set; }
    public required string Author { get; set; }
    public double AtSeconds { get; set; }
    public required string Text { get; set; }

    /// <summary>The rubric criterion the remark is about, if any (e.g. 教学设计).</summary>
    public string? Criterion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
