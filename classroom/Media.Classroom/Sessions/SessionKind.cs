using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

internal enum SessionKind
{
    SynchronousClass = 0,
    Broadcast = 1,
    TeachingResearch = 2,
}
