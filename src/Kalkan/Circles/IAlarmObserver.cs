namespace Kalkan.Circles;

/// <summary>
/// A feature that must know when a member calls for help (the retaliation watch of cases) registers
/// one of these, as a singleton: told the member and the call's or check-in's id once it is announced.
/// It must not block; it queues and returns.
/// </summary>
public interface IAlarmObserver
{
    void SosRaised(Guid member, Guid sos);
    void CheckinMissed(Guid member, Guid checkin);
}
