using Media.Platform.Events;
using Media.Review.Contracts;
using Media.Streaming.Contracts;

namespace Media.Streaming.Delivery;

/// <summary>Opens an awarded lesson to everyone when its campaign's rules say awarded lessons become public (idempotent).</summary>
internal sealed class AwardAccessHandler(LessonAccessSettings settings) : IHandles<LessonAwarded>
{
    public async Task HandleAsync(LessonAwarded domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.OpenToPublic)
        {
            await settings.ChangeAsync(domainEvent.LessonId, AccessLevel.Public, cancellationToken);
        }
    }
}
