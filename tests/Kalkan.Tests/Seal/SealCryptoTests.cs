using Kalkan.Seal;

namespace Kalkan.Tests.Seal;

public class SealCryptoTests
{
    [Fact]
    public void Argon2id_matches_the_RFC_9106_test_vector()
    {
        var vector = JsonDocument.Parse(File.ReadAllText(Shared.Path("vectors", "argon2id-rfc9106.json"))).RootElement;
        byte[] Hex(string name) => Convert.FromHexString(vector.GetProperty(name).GetString()!);

        var tag = PassphraseKdf.Derive(Hex("password_hex"), Hex("salt_hex"),
            new KdfParameters(vector.GetProperty("memory_kib").GetInt32(), vector.GetProperty("iterations").GetInt32(), vector.GetProperty("parallelism").GetInt32()),
            vector.GetProperty("tag_length").GetInt32(), Hex("secret_hex"), Hex("associated_data_hex"));

        Assert.Equal(vector.GetProperty("tag_hex").GetString(), Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void The_root_key_unwraps_with_its_passphrase_and_not_with_another()
    {
        var root = RootKey.Create();
        var copy = root.ToArray();
        var record = RootKey.Wrap(root, "the right passphrase", new KdfParameters(1024, 1, 1), TimeProvider.System.GetUtcNow());

        Assert.Equal(copy, RootKey.Unwrap(record, "the right passphrase"));
        Assert.Null(RootKey.Unwrap(record, "the wrong passphrase"));
        Assert.DoesNotContain(Convert.ToHexString(copy), Convert.ToHexString(record.WrappedRootKey));
    }

    [Fact]
    public void Any_three_of_five_shares_rebuild_the_key_and_two_do_not()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var shares = Shamir.Split(secret, 3, 5);

        foreach (var pick in new[] { new[] { 0, 1, 2 }, [4, 2, 0], [1, 3, 4], [0, 1, 2, 3, 4] })
            Assert.Equal(secret, Shamir.Combine(pick.Select(i => shares[i]).ToList()));
        Assert.NotEqual(secret, Shamir.Combine([shares[0], shares[1]]));
    }

    [Fact]
    public void A_sealed_field_opens_only_in_its_own_table_column_and_row()
    {
        using var seal = new SealState();
        seal.Open(RandomNumberGenerator.GetBytes(32));
        var cipher = new FieldCipher(seal);
        var row = Guid.NewGuid();
        var where = new FieldRef("members", "handle", row);

        var sealedValue = cipher.Encrypt("Aizada", where);

        Assert.Equal("Aizada", cipher.DecryptString(sealedValue, where));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedValue, where with { RowId = Guid.NewGuid() }));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedValue, where with { Column = "note" }));
        sealedValue[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedValue, where));
    }

    [Fact]
    public void Sealing_zeroes_the_keys_and_refuses_to_encrypt()
    {
        using var seal = new SealState();
        seal.Open(RandomNumberGenerator.GetBytes(32));
        var key = seal.KeyFor("field/members/handle");
        seal.Close();

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Throws<SealedException>(() => new FieldCipher(seal).Encrypt("x", new FieldRef("t", "c", Guid.NewGuid())));
    }

    [Fact]
    public void A_blind_index_ignores_case_and_spacing_and_depends_on_the_key()
    {
        using var one = new SealState();
        one.Open(RandomNumberGenerator.GetBytes(32));
        using var other = new SealState();
        other.Open(RandomNumberGenerator.GetBytes(32));

        var index = new BlindIndex(one).Compute("members", "handle", "Aigul");
        Assert.Equal(index, new BlindIndex(one).Compute("members", "handle", "  aigul "));
        Assert.NotEqual(index, new BlindIndex(one).Compute("members", "handle", "aigul2"));
        Assert.NotEqual(index, new BlindIndex(other).Compute("members", "handle", "Aigul"));
    }
}
