namespace Kalkan.Incidents;

/// <summary>What a version just recorded (created, drafted or corrected) says of people: the registry ids it names and its perpetrator profiles.</summary>
public sealed record IncidentNotice(Guid Incident, IReadOnlyList<Guid> People, IReadOnlyList<Guid> Profiles);

/// <summary>
/// A feature that must know when an incident names someone (the retaliation watch of cases) registers
/// one of these, as a singleton. It is told after the version is stored and must not block: it
/// queues and returns, so recording an incident never waits on, or fails because of, another feature.
/// </summary>
public interface IIncidentObserver
{
    void Recorded(IncidentNotice notice);
}
