using Media.Ingest.Contracts;
using Media.Platform.Data;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Transcoding.Jobs;

internal enum TranscodeState
{
    Queued = 0,
    Running = 1,
    Published = 2,
    Failed = 3,
}
