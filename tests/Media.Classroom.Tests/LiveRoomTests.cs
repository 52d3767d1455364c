using Media.Classroom.Live;
using Media.Classroom.Sessions;

namespace Media.Classroom.Tests;

public sealed class LiveRoomTests
{
    private static readonly Guid Host = Guid.NewGuid();
    private static readonly Guid Student = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));

    private static LiveRoom RoomWithHostAndStudent()
    {
        var room = new LiveRoom(Guid.NewGuid(), Host);
        room.Join("host", new Participant(Host, "张老师", ParticipantRole.Host, null));
        room.Join("student", new Participant(Student, "王同学", ParticipantRole.Student, null));
        return room;
    }

    [Fact]
    public void HostOnlyActions_ByAStudent_AreRefused()
    {
        var room = RoomWithHostAndStudent();

        Assert.Throws<RoomException>(() => room.ShowPage("student", 2));
        Assert.Throws<RoomException>(() => room.Mute("student", Host, true));
        Assert.Throws<RoomException>(() => room.Remove("student", Host));
        Assert.Throws<RoomException>(() => room.StartPoll("student", "?", ["a", "b"]));
        Assert.Throws<RoomException>(() => room.SetPlayback("student", true, 0, 1, Now));
        Assert.Equal(1, room.Snapshot("student", Now).Page);
    }

    [Fact]
    public void Chat_WhenMuted_IsRefusedUntilUnmuted()
    {
        var room = RoomWithHostAndStudent();

        room.Mute("host", Student, true);
        var refused = Assert.Throws<RoomException>(() => room.Chat("student", "老师好", Now));
        room.Mute("host", Student, false);

        Assert.Equal("The teacher has muted you.", refused.Message);
        Assert.Equal("老师好", room.Chat("student", " 老师好 ", Now).Text);
    }

    [Fact]
    public void Remove_Participant_LeavesAndCannotJoinAgain()
    {
        var room = RoomWithHostAndStudent();

        var gone = room.Remove("host", Student);

        Assert.Equal(["student"], gone);
        Assert.Throws<RoomException>(() => room.Join("student-again", new Participant(Student, "王同学", ParticipantRole.Student, null)));
        Assert.Equal(1, room.Headcount);
    }

    [Fact]
    public void Join_SamePersonAgain_ReplacesTheOldConnection()
    {
        var room = RoomWithHostAndStudent();

        var replaced = room.Join("student-tab-2", new Participant(Student, "王同学", ParticipantRole.Student, null));

        Assert.Equal(["student"], replaced);
        Assert.Throws<RoomException>(() => room.Member("student"));
        Assert.Equal(2, room.Headcount);
    }

    [Fact]
    public void Hands_QueueInOrderAndLeaveWithTheirOwner()
    {
        var room = RoomWithHostAndStudent();
        var other = Guid.NewGuid();
        room.Join("other", new Participant(other, "李同学", ParticipantRole.Student, null));

        room.RaiseHand("student", true);
        room.RaiseHand("other", true);
        room.RaiseHand("student", true);
        Assert.Equal([Student, other], room.Snapshot("host", Now).Hands);

        room.Leave("student");
        Assert.Equal([other], room.Snapshot("host", Now).Hands);
        Assert.Equal([], room.LowerHandOf("host", other));
    }

    [Fact]
    public void Poll_VotesCountOncePerPersonAndCloseStopsVoting()
    {
        var room = RoomWithHostAndStudent();
        var poll = room.StartPoll("host", "背影写了几次背影？", ["两次", "四次"]);

        room.Vote("student", poll.Id, 0);
        var changed = room.Vote("student", poll.Id, 1);
        room.ClosePoll("host");

        Assert.Equal([0, 1], changed.Counts);
        Assert.Throws<RoomException>(() => room.Vote("student", poll.Id, 0));
    }

    [Fact]
    public void Playback_LateJoiner_LandsWhereTheOthersAre()
    {
        var room = RoomWithHostAndStudent();
        room.SetPlayback("host", true, 30, 1.5, Now);

        var later = room.Snapshot("student", Now.AddSeconds(10)).Playback;
        room.SetPlayback("host", false, 40, 1.5, Now.AddSeconds(20));
        var paused = room.Snapshot("student", Now.AddSeconds(60)).Playback;

        Assert.Equal(45, later.Position, 3);
        Assert.True(later.Playing);
        Assert.Equal(40, paused.Position);
        Assert.False(paused.Playing);
    }
}
