using System.Threading.Channels;
using Kalkan.Circles;
using Kalkan.Incidents;

namespace Kalkan.Cases;

/// <summary>Something that may be retaliation: who it names, what raised it, and when (only cases opened before it are warned).</summary>
public abstract record WatchSignal(DateTimeOffset At)
{
    public sealed record Incident(IncidentNotice Notice, DateTimeOffset At) : WatchSignal(At);
    public sealed record Alarm(Guid Member, Guid Source, string Reason, DateTimeOffset At) : WatchSignal(At);
}

/// <summary>
/// The ear of the retaliation watch: incidents and circles tell it what happened and it queues the
/// signal at once, so neither waits; <see cref="RetaliationWarnings"/> works through the queue.
/// </summary>
public sealed class RetaliationWatch(TimeProvider clock) : IIncidentObserver, IAlarmObserver
{
    readonly Channel<WatchSignal> signals = Channel.CreateUnbounded<WatchSignal>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WatchSignal> Signals => signals.Reader;

    public void Recorded(IncidentNotice notice) => signals.Writer.TryWrite(new WatchSignal.Incident(notice, clock.GetUtcNow()));
    public void SosRaised(Guid member, Guid sos) => signals.Writer.TryWrite(new WatchSignal.Alarm(member, sos, CaseCodes.Sos, clock.GetUtcNow()));
    public void CheckinMissed(Guid member, Guid checkin) => signals.Writer.TryWrite(new WatchSignal.Alarm(member, checkin, CaseCodes.CheckinMissed, clock.GetUtcNow()));
}
