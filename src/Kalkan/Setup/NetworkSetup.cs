using Kalkan.Delivery.Push;
using Kalkan.Identity.Members;

namespace Kalkan.Setup;

public sealed record SetupRequest(string? Network, string? AdminHandle, string? AdminPassphrase, string? UnsealPassphrase,
    int ShareThreshold = 0, int ShareCount = 0);

public enum SetupOutcome { Created, AlreadyInitialized, Invalid }

public sealed record SetupResult(SetupOutcome Outcome, Validation? Errors = null, IReadOnlyList<string>? Shares = null);

/// <summary>
/// The first act on a fresh store, shared by `kalkan init` and the /setup page: a root key, wrapped
/// under the unseal passphrase (and optionally split into shares), the network, and its first admin.
/// All in one transaction; a second setup finds the seal row taken and changes nothing.
/// </summary>
public sealed class NetworkSetup(KalkanDb db, SealState seal, FieldCipher cipher, MemberAccounts members, Audit.AuditChain audit, TimeProvider clock, ILogger<NetworkSetup> log)
{
    public static Validation Validate(SetupRequest request)
    {
        var errors = new Validation()
            .Required("network", request.Network, 100)
            .Required("adminHandle", request.AdminHandle, 64);
        if (PassphrasePolicy.Problem(request.AdminPassphrase) is { } adminProblem) errors.Add("adminPassphrase", adminProblem);
        if (PassphrasePolicy.Problem(request.UnsealPassphrase) is { } unsealProblem) errors.Add("unsealPassphrase", unsealProblem);
        if (request.AdminPassphrase is { Length: > 0 } a && a == request.UnsealPassphrase)
            errors.Add("unsealPassphrase", "The unseal passphrase must differ from the admin's passphrase.");
        if (request.ShareCount != 0 || request.ShareThreshold != 0)
        {
            if (!SharesText.IsValid(request.ShareThreshold, request.ShareCount))
                errors.Add("shares", "Shares are written k/n with 2 <= k <= n <= 16, for example 3/5.");
        }
        return errors;
    }


    public async Task<SetupResult> CreateAsync(SetupRequest request, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Any) return new SetupResult(SetupOutcome.Invalid, errors);
        if (await db.Seal.AnyAsync(ct)) return new SetupResult(SetupOutcome.AlreadyInitialized);

        var rootKey = RootKey.Create();
        var record = await Task.Run(() => RootKey.Wrap(rootKey, request.UnsealPassphrase!, KdfParameters.Unseal, clock.GetUtcNow(), request.ShareThreshold, request.ShareCount), ct);
        var split = request.ShareCount > 0 ? Shamir.Split(rootKey, request.ShareThreshold, request.ShareCount) : [];
        record.ShareChecks = ShareCheck.Of(split);
        var shares = split.Select(ShareText.Encode).ToList();
        seal.Open(rootKey);

        var network = new Network { NameSealed = [], CreatedAt = clock.GetUtcNow() };
        network.NameSealed = cipher.Encrypt(request.Network!.Trim(), new FieldRef(Network.Table, "name", network.Id));
        var admin = members.New(request.AdminHandle!, request.AdminPassphrase!, Roles.Admin);

        // Web Push's VAPID key pair, made with everything else in the setup's transaction.
        db.AddRange(record, network, admin, VapidKey.Create(cipher));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another setup won the race for the single seal row; its key is the one that counts.
            seal.Close();
            return new SetupResult(SetupOutcome.AlreadyInitialized);
        }
        await audit.RecordAsync(Audit.AuditActions.NetworkCreated, admin.Id, ct);
        log.LogInformation("Network created with its first admin");
        return new SetupResult(SetupOutcome.Created, Shares: shares);
    }
}
