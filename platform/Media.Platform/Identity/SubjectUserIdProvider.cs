using Microsoft.AspNetCore.SignalR;

namespace Media.Platform.Identity;

/// <summary>SignalR addresses users by the same id as tokens and cookies (the <c>sub</c> claim).</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection?.User.UserId()?.ToString();
}
