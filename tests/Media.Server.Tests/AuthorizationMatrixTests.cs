using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Media.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Server.Tests;

/// <summary>
/// Every API endpoint the host maps (the same endpoint list the OpenAPI document is generated from) × anonymous and every
/// demo role, with ids nobody owns: the answer is the endpoint's own authorization policy's (401 anonymous, 403 for a role
/// the policy leaves out) and never a server error. A new endpoint joins the matrix by being mapped.
/// </summary>
public sealed class AuthorizationMatrixTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    // One demo user per role (their roles as the demo seeds them).
    private static readonly (string User, string Role)[] Users =
        [("student", "student"), ("teacher", "teacher"), ("reviewer", "reviewer"), ("jinan-admin", "region-admin"), ("admin", "admin")];

    // What anyone may call without signing in; an endpoint that opens to anonymous callers must be added here on purpose.
    // Captions and playback decide inside by the lesson's access level (public lessons play signed out); /media/ is opened by
    // the signed token in its URL; tus OPTIONS is the protocol's discovery; dev-token is mapped in Development only.
    private static readonly string[] OpenToAnonymous =
    [
        "GET /api/lessons/{id:guid}/captions/",
        "GET /api/lessons/{id:guid}/captions/{language}.vtt",
        "GET /api/lessons/{id:guid}/playback",
        "GET /media/entry/{entry}/{**path}",
        "GET /media/{lessonId:guid}/{**path}",
        "HEAD /media/entry/{entry}/{**path}",
        "HEAD /media/{lessonId:guid}/{**path}",
        "OPTIONS /api/uploads/",
        "OPTIONS /api/uploads/{id:guid}",
        "POST /api/auth/dev-token",
        "POST /api/auth/token",
    ];

    // Streams that stay open by design; their authorization is covered by their own tests.
    private static readonly string[] LongLived = ["/hubs/"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_AnonymousAndEveryRole_GetThePolicysAnswerAndNeverAServerError()
    {
        var endpoints = await EndpointsAsync();
        var clients = new List<(string Role, HttpClient Client)> { ("anonymous", factory.CreateClient()) };
        foreach (var (user, role) in Users)
        {
            clients.Add((role, await factory.CreateClientForAsync(user)));
        }

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var (role, client) in clients)
            {
                var status = await SendAsync(client, endpoint);
                var expected = role == "anonymous"
                    ? endpoint.Anonymous ? null : HttpStatusCode.Unauthorized
                    : endpoint.Roles is { } allowed && !allowed.Contains(role) ? HttpStatusCode.Forbidden : (HttpStatusCode?)null;
                if ((int)status >= 500 || (expected is { } must && status != must))
                {
                    failures.Add($"{endpoint.Method} {endpoint.Url} as {role}: {(int)status}{(expected is null ? "" : $", expected {(int)expected}")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var open = endpoints.Where(e => e.Anonymous).Select(e => $"{e.Method} {e.Pattern}").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(OpenToAnonymous.SequenceEqual(open), "Open to anonymous callers:\n" + string.Join('\n', open));
        Assert.True(endpoints.Count > 80, $"only {endpoints.Count} endpoints found");
    }

    private async Task<List<MatrixEndpoint>> EndpointsAsync()
    {
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var result = new List<MatrixEndpoint>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) && !pattern.StartsWith("/media/", StringComparison.Ordinal)
                || LongLived.Any(pattern.Contains))
            {
                continue;
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0;
            var policy = anonymous ? null : await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var roles = policy?.Requirements.OfType<RolesAuthorizationRequirement>()
                .Aggregate((IEnumerable<string>?)null, (all, r) => all is null ? r.AllowedRoles : all.Intersect(r.AllowedRoles))?.ToHashSet();
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
            {
                result.Add(new MatrixEndpoint(method, pattern, UrlOf(endpoint.RoutePattern), anonymous, roles));
            }
        }

        return result;
    }

    private static string UrlOf(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { IsCatchAll: true } => "index.m3u8",
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) => Guid.NewGuid().ToString(),
                    _ => "school",
                });
            }
        }

        return url.ToString();
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, MatrixEndpoint endpoint)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private sealed record MatrixEndpoint(string Method, string Pattern, string Url, bool Anonymous, HashSet<string>? Roles);
}
