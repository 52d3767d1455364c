using System.Security.Cryptography;
using System.Text;
using Media.Classroom.Media;

namespace Media.Classroom.Tests;

public sealed class TurnCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_ConfiguredTurn_GivesExpiringNameAndTheHmacCoturnChecks()
    {
        var options = new ClassroomOptions { TurnUrls = ["turn:turn.example.org:3478"], TurnSecret = "s3cret", TurnCredentialLifetime = TimeSpan.FromHours(1) };
        var user = Guid.NewGuid();

        var server = Assert.Single(TurnCredentials.For(options, user, Now));

        Assert.Equal(["turn:turn.example.org:3478"], server.Urls);
        Assert.Equal($"{Now.AddHours(1).ToUnixTimeSeconds()}:{user:N}", server.Username);
        // coturn (use-auth-secret) recomputes exactly this from the name and its static-auth-secret.
#pragma warning disable CA5350
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData("s3cret"u8, Encoding.UTF8.GetBytes(server.Username))), server.Credential);
#pragma warning restore CA5350
        Assert.DoesNotContain("s3cret", server.Credential, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoTurnConfigured_GivesNone()
    {
        Assert.Empty(TurnCredentials.For(new ClassroomOptions(), Guid.NewGuid(), Now));
        Assert.Empty(TurnCredentials.For(new ClassroomOptions { TurnUrls = ["turn:x"] }, Guid.NewGuid(), Now));
    }
}
