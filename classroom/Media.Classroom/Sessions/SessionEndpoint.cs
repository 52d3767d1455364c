using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>A participating classroom: the main one or a remote one, with its co-teacher (双师) and the roster class in it.</summary>
internal sealed class SessionEndpoint
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public required string Name { get; set; }
    public Guid? CoTeacherId { get; set; }

    /// <summary>The class (an organisation of the roster) sitting in this classroom: its students join as students, whoever is in it when they join.</summary>
    public Guid? ClassId { get; set; }

    public int Position { get; set; }
}
