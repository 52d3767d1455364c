using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>What someone may do in a session; decided by the server when they join.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ParticipantRole>))]
internal enum ParticipantRole
{
    Host = 0,
    CoTeacher = 1,
    Student = 2,
    Observer = 3,
    Researcher = 4,
}
