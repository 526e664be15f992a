using Kalkan.Tests.Incidents;
using Kalkan.Tests.Security;

namespace Kalkan.Tests.Cases;

/// <summary>
/// The seizure test for cases: complainants, helpers, the case's title, notes and step notes, and
/// its documents are in no seized file (the data folder with its logs, and on PostgreSQL the
/// cluster's files), while the body and status, kept plain for statistics, are.
/// </summary>
public class CaseSeizureTests
{
    [Theory, Stores]
    public async Task A_stopped_servers_files_hold_no_complainant_helper_title_note_or_document_of_a_case(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var canaries = new Dictionary<string, byte[][]>
        {
            ["complainant"] = SeizedDisk.FormsOf("canary-complainant-81c4"),
            ["helper"] = SeizedDisk.FormsOf("canary-helper-27ab"),
            ["title"] = SeizedDisk.FormsOf("canary-case-title-90fe"),
            ["notes"] = SeizedDisk.FormsOf("canary-case-notes-4d1c"),
            ["step note"] = SeizedDisk.FormsOf("canary-step-note-6b3e"),
            ["document"] = SeizedDisk.FormsOf("canary-document-body-e7f2"),
            ["document name"] = SeizedDisk.FormsOf("canary-document-name-0c55"),
        };
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (defender, _) = await kalkan.MemberAsync("defender");
            var (id, _) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, complainant: "canary-complainant-81c4",
                helper: "canary-helper-27ab", title: "canary-case-title-90fe", notes: "canary-case-notes-4d1c"));
            await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "under_review", on = "2026-10-20", note = "canary-step-note-6b3e" });
            await CaseDocumentTests.UploadAsync(defender, id, "canary-document-body-e7f2 the prosecutor's answer", "canary-document-name-0c55.txt");
            // Reads and a retaliation warning write their own rows and audit entries.
            await defender.CaseAsync(id);
            await defender.RecordIdAsync(IncidentSamples.Incident(victim: "canary-complainant-81c4"));
        }

        var files = await SeizedDisk.FilesAsync(store);
        await SeizedDisk.AssertHoldsNoneAsync(files, canaries);
        // Clear by design, so the files searched are really the store's: a case's status where its tables are among them
        // (SQLite, or PostgreSQL with its cluster's files), else what the peers' seizure tests look for.
        var tablesSearched = store.Db is null || Environment.GetEnvironmentVariable(SeizedDisk.PostgresDataVariable) is { Length: > 0 };
        await SeizedDisk.AssertHoldsAsync(files, tablesSearched ? "under_review" : Kalkan.Audit.AuditActions.NetworkCreated);
    }
}
