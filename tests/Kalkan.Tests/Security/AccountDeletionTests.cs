using Kalkan.Alerts;
using Kalkan.Audit;
using Kalkan.Circles;
using Kalkan.Delivery.Push;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;
using Kalkan.Tests.Circles;
using Kalkan.Tests.Members;
using Microsoft.AspNetCore.WebUtilities;
using Kalkan.Tests.Alerts;

namespace Kalkan.Tests.Security;

/// <summary>
/// A defender deletes her account (or is made to, and wants nothing left for whoever takes the
/// server next). Afterwards the store is searched for everything she left: nothing of hers remains,
/// and nothing links the members she invited to her.
/// </summary>
public class AccountDeletionTests
{
    [Theory, Stores]
    public async Task Deleting_her_account_deletes_her_calls_check_ins_circles_reporter_record_push_and_sessions(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var admin = await kalkan.AdminAsync();
        var (aizada, aizadaId) = await InvitationTests.JoinAsync(kalkan, admin, "defender", "Aizada");
        var (bermet, bermetId) = await InvitationTests.JoinAsync(kalkan, aizada, "member", "Bermet");
        var (cholpon, _) = await kalkan.MemberAsync(handle: "Cholpon");
        await InvitationTests.InviteAsync(aizada, "member"); // a code she made that nobody used

        // Her circle, and her place in Cholpon's.
        Assert.Equal(HttpStatusCode.OK, (await cholpon.PostAsync($"/api/v1/circle/invitations/{await CircleTests.InviteAsync(aizada, "Cholpon")}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsync($"/api/v1/circle/invitations/{await CircleTests.InviteAsync(cholpon, "Aizada")}/accept", null)).StatusCode);
        // Her SOS, her check-in, her answer to Cholpon's SOS, her alert and her confirmation of another.
        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59, note = "help" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(2), note = "hotel" })).StatusCode);
        var cholponsSos = (await (await cholpon.PostAsJsonAsync("/api/v1/sos", new { lat = 42.8, lon = 74.6 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsJsonAsync($"/api/v1/sos/{cholponsSos}/respond", new { kind = "on-my-way" })).StatusCode);
        var alert = (await aizada.ReportAsync(new { kind = "checkpoint", lat = 42.87, lon = 74.59 })).GetProperty("id").GetGuid();
        var others = (await bermet.ReportAsync(new { kind = "raid", lat = 40.5, lon = 72.8 })).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsync($"/api/v1/alerts/{others}/confirm", null)).StatusCode);
        // Her phone's push subscription, a second session and a duress passphrase (so a decoy account).
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(browser)), auth = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)) };
        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = "http://127.0.0.1:9/push/aizada", keys })).StatusCode);
        await kalkan.Api().SignInAsync("Aizada", InvitationTests.JoinPassphrase);
        Assert.Equal(HttpStatusCode.NoContent, (await aizada.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = InvitationTests.JoinPassphrase, duress = "her duress passphrase" })).StatusCode);
        Guid decoyId;
        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var her = await scope.ServiceProvider.GetRequiredService<KalkanDb>().Members.SingleAsync(m => m.Id == aizadaId);
            decoyId = scope.ServiceProvider.GetRequiredService<MemberAccounts>().DuressOf(her).DecoyId!.Value;
        }

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { passphrase = InvitationTests.JoinPassphrase }) };
        Assert.Equal(HttpStatusCode.NoContent, (await aizada.SendAsync(delete)).StatusCode);

        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<KalkanDb>();
            var circles = services.GetRequiredService<CircleSeal>();
            var desk = services.GetRequiredService<AlertDesk>();
            Guid[] hers = [aizadaId, decoyId];

            Assert.False(await db.Members.AnyAsync(m => hers.Contains(m.Id)), "her account or her decoy");
            foreach (var id in hers) Assert.Empty(await services.GetRequiredService<SessionStore>().ListAsync(id, default));
            Assert.False(await db.Set<PushSubscription>().AnyAsync(s => hers.Contains(s.MemberId)), "her push subscription");
            foreach (var id in hers)
            {
                var (sos, checkin) = (circles.SosOwnerIndex(id), circles.CheckinOwnerIndex(id));
                var (owner, member) = (circles.LinkOwnerIndex(id), circles.LinkMemberIndex(id));
                Assert.False(await db.Set<SosCall>().AnyAsync(s => s.OwnerIndex == sos), "her SOS call");
                Assert.False(await db.Set<Checkin>().AnyAsync(c => c.OwnerIndex == checkin), "her check-in");
                Assert.False(await db.Set<CircleLink>().AnyAsync(l => l.OwnerIndex == owner || l.MemberIndex == member), "a circle link of hers");
                var reporter = desk.RefOf(id);
                var track = desk.TrackKeyOf(reporter);
                Assert.False(await db.Set<ReporterTrack>().AnyAsync(t => t.Key == track), "her reporter record");
                Assert.False(await db.Set<Alert>().AnyAsync(a => a.ReporterRef == reporter), "an alert that names her as reporter");
                Assert.False(await db.Set<AlertConfirmation>().AnyAsync(c => c.MemberRef == reporter), "a confirmation that names her");
            }
            Assert.Empty(await db.Set<CircleLink>().ToListAsync()); // both links were hers
            var answers = await db.Set<SosResponse>().ToListAsync();
            Assert.DoesNotContain(answers, r => circles.ResponderOf(r.Id, r.ResponderSealed) == aizadaId);
            // Her alert still warns the network, with nobody behind it.
            Assert.True(await db.Set<Alert>().AnyAsync(a => a.Id == alert));

            // Nothing re-links Bermet to her: not her sealed inviter, not a code, not the audit chain.
            var bermetRow = await db.Members.AsNoTracking().SingleAsync(m => m.Id == bermetId);
            Assert.Null(services.GetRequiredService<MemberAccounts>().InviterOf(bermetRow.Id, bermetRow.InvitedBySealed));
            Assert.False(await db.Set<Invitation>().AnyAsync(i => i.CreatedBy == aizadaId), "a code that names her");
            var audit = await db.Set<AuditEntry>().Select(e => e.Subject).ToListAsync();
            Assert.DoesNotContain(audit, s => s.Contains(aizadaId.ToString("N")) || s.Contains(bermetId.ToString("N")));
        }

        // And she is gone for sign-in too; Bermet still signs in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Aizada", passphrase = InvitationTests.JoinPassphrase })).StatusCode);
        await kalkan.Api().SignInAsync("Bermet", InvitationTests.JoinPassphrase);
    }
}
