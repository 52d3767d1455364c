using Media.Classroom.Media;
using Media.Testing;

namespace Media.Classroom.Tests;

/// <summary>The gateway against a real Janus started for the test (API calls only; media needs the namespace).</summary>
public sealed class JanusVideoRoomGatewayTests(JanusFixture janus) : IClassFixture<JanusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JanusVideoRoomGateway Gateway(string? adminKey = JanusFixture.AdminKey)
    {
        janus.RequireAvailable();
        return new JanusVideoRoomGateway(new HttpClient(), janus.HttpUrl!, adminKey);
    }

    [Fact]
    public async Task CreateAdmitDestroy_RoomLivesBetweenCreateAndDestroy()
    {
        var gateway = Gateway();

        var room = await gateway.CreateRoomAsync("同步课堂", record: false, null, 6, Ct);
        var token = await gateway.AdmitAsync(room, Ct);
        var existed = await gateway.ExistsAsync(room.Room, Ct);
        await gateway.DestroyAsync(room.Room, room.Secret, Ct);

        Assert.Equal(32, token.Length);
        Assert.True(existed);
        Assert.False(await gateway.ExistsAsync(room.Room, Ct));
    }

    [Fact]
    public async Task Create_WithoutTheAdminKey_IsRefusedByJanus()
    {
        var gateway = Gateway(adminKey: null);

        var refused = await Assert.ThrowsAsync<JanusException>(() => gateway.CreateRoomAsync("x", false, null, 6, Ct));

        Assert.Contains("create failed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TwoRooms_GetDifferentNumbersAndSecrets()
    {
        var gateway = Gateway();

        var first = await gateway.CreateRoomAsync("x", false, null, 6, Ct);
        var second = await gateway.CreateRoomAsync("x", false, null, 6, Ct);

        Assert.NotEqual(first.Room, second.Room);
        Assert.NotEqual(first.Secret, second.Secret);
        await gateway.DestroyAsync(first.Room, first.Secret, Ct);
        await gateway.DestroyAsync(second.Room, second.Secret, Ct);
    }
}
