using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

internal enum SessionStatus
{
    Scheduled = 0,
    Live = 1,
    Ended = 2,
}
