namespace Media.Catalog.Engagement;

/// <summary>One signed-in user's 1–5 star rating of a lesson; rating again replaces it.</summary>
internal sealed class LessonRating
{
    public Guid LessonId { get; set; }
    public Guid UserId { get; set; }
    public int Stars { get; set; }
    public DateTimeOffset RatedAt { get; set; }
}

/// <summary>A lesson a user keeps in their favourites (收藏).</summary>
internal sealed class Favourite
{
    public Guid UserId { get; set; }
    public Guid LessonId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
