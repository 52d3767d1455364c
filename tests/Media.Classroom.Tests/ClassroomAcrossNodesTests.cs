using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Media.Platform.Identity;
using Media.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Classroom.Tests;

/// <summary>
/// One live class served by two nodes (one PostgreSQL database, one Redis for the SignalR backplane and the room state):
/// the host on node B reaches the students on node A, and when node A goes away its students come back through node B
/// to the same page, hands and poll.
/// </summary>
public sealed class ClassroomAcrossNodesTests(PostgresFixture postgres, RedisFixture redis)
    : IClassFixture<PostgresFixture>, IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const int Students = 20;
    private readonly List<HubConnection> _connections = [];
    private MediaServerFactory? _nodeA;
    private MediaServerFactory? _nodeB;
    private string _urlA = string.Empty;
    private string _urlB = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        redis.RequireAvailable();
        var database = await postgres.CreateDatabaseAsync();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var deployment = $"test-{Guid.NewGuid():N}:";
        MediaServerFactory Node() => new MediaServerFactory()
            .With("Media:Database:Provider", "PostgreSql")
            .With("Media:Database:ConnectionString", database)
            .With("Media:Redis:ConnectionString", redis.ConnectionString)
            .With("Media:Redis:KeyPrefix", deployment)
            .With("Media:Auth:SigningKey", signingKey);
        _nodeB = Node();
        _urlB = _nodeB.StartOnLoopback();
        _nodeA = Node();
        _urlA = _nodeA.StartOnLoopback();
    }

    private async Task<HubConnection> ConnectAsync(string baseUrl, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/classroom", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        lock (_connections)
        {
            _connections.Add(connection);
        }

        await connection.StartAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task HostOnB_StudentsOnA_EverythingReachesEveryone_AndAfterAGoesTheyResumeOnB()
    {
        var teacher = await _nodeB!.CreateClientForAsync("teacher");
        var created = await teacher.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "名师课堂：两个节点", kind = "broadcast", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var hostToken = teacher.DefaultRequestHeaders.Authorization!.Parameter!;
        var host = await ConnectAsync(_urlB, hostToken);
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var hostHands = new ConcurrentQueue<Guid[]>();
        host.On<Guid[]>("handsChanged", hands => hostHands.Enqueue(hands));

        var accounts = Enumerable.Range(0, Students).Select(i => new User
        {
            Id = Guid.NewGuid(), UserName = $"node-a-{i}", DisplayName = $"学生{i}", PasswordHash = "", SecurityStamp = "", Roles = [new UserRole { Role = Roles.Student }],
        }).ToArray();
        using (var scope = _nodeB.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            identity.Users.AddRange(accounts);
            await identity.SaveChangesAsync(Ct);
        }

        // Tokens issued by node B are good on node A: the nodes share the signing key.
        var issuer = _nodeB.Services.GetRequiredService<TokenIssuer>();
        var tokens = accounts.Select(a => issuer.Issue(a).Value).ToArray();
        var pages = new ConcurrentBag<int>();
        var chats = new ConcurrentBag<string>();
        var polls = new ConcurrentBag<JsonElement>();
        var students = new HubConnection[Students];
        await Parallel.ForEachAsync(Enumerable.Range(0, Students), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var connection = await ConnectAsync(_urlA, tokens[i]);
            connection.On<int>("pageChanged", pages.Add);
            connection.On<JsonElement>("chat", message => chats.Add(message.GetProperty("text").GetString()!));
            connection.On<JsonElement>("pollChanged", polls.Add);
            await connection.InvokeAsync<JsonElement>("Join", session, null, ct);
            students[i] = connection;
        });

        await host.InvokeAsync("ShowPage", 7, Ct);
        await host.InvokeAsync("SendChat", "同学们好，翻到第七页", Ct);
        await WaitUntilAsync(() => pages.Count == Students && chats.Count == Students, "the page change and the chat message reach all 20 students on node A");
        Assert.All(pages, p => Assert.Equal(7, p));
        Assert.All(chats, c => Assert.Equal("同学们好，翻到第七页", c));

        await students[3].InvokeAsync("RaiseHand", true, Ct);
        await WaitUntilAsync(() => hostHands.Any(h => h.Contains(accounts[3].Id)), "the host on node B sees the hand raised on node A");
        await host.InvokeAsync("StartPoll", "背影写了几次背影？", new[] { "两次", "四次" }, Ct);
        await WaitUntilAsync(() => polls.Count == Students, "the poll reaches every student");
        var pollId = polls.First().GetProperty("id").GetGuid();
        await students[5].InvokeAsync("Vote", pollId, 1, Ct);

        // Node A goes away; its students come back through the balancer to node B, into the same room.
        await _nodeA!.DisposeAsync();
        _nodeA = null;
        var snapshots = new ConcurrentBag<JsonElement>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Students), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var again = await ConnectAsync(_urlB, tokens[i]);
            snapshots.Add(await again.InvokeAsync<JsonElement>("Join", session, null, ct));
        });

        Assert.All(snapshots, snapshot =>
        {
            Assert.Equal(7, snapshot.GetProperty("page").GetInt32());
            Assert.Equal([accounts[3].Id], snapshot.GetProperty("hands").EnumerateArray().Select(h => h.GetGuid()));
            Assert.Equal(pollId, snapshot.GetProperty("poll").GetProperty("id").GetGuid());
            Assert.Equal([0, 1], snapshot.GetProperty("poll").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
        });
        var hostView = await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        Assert.Equal(Students + 1, hostView.GetProperty("participants").GetArrayLength());
    }

    private static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (!done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"never happened: {what}");
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
        }

        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }
    }
}
