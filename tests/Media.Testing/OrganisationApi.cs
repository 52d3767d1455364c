using System.Net.Http.Json;
using System.Text.Json;

namespace Media.Testing;

/// <summary>Organisations found the way an administrator's page finds them: by names from the top of the tree.</summary>
public static class OrganisationApi
{
    /// <summary>The organisation at the end of <paramref name="path"/> (names, top first) and its parent.</summary>
    public static async Task<(Guid Id, Guid? ParentId)> FindAsync(HttpClient admin, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(path);
        Guid? parent = null;
        Guid? id = null;
        foreach (var name in path)
        {
            parent = id;
            var children = await admin.GetFromJsonAsync<JsonElement>(
                "/api/admin/organisations" + (parent is null ? "" : $"?parentId={parent}"), TestContext.Current.CancellationToken);
            id = children.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        }

        return (id ?? throw new ArgumentException("The path names no organisation.", nameof(path)), parent);
    }
}
