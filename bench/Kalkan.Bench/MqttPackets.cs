using System.Text;

namespace Kalkan.Bench;

/// <summary>The two MQTT 3.1.1 packets the publisher writes by hand: CONNECT and a QoS 0 PUBLISH.</summary>
static class MqttPackets
{
    public static byte[] Connect(string clientId)
    {
        var id = Encoding.ASCII.GetBytes(clientId);
        // Keep-alive 0: the broker must not drop a quiet connection.
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0, 0, (byte)id.Length, .. id];
        return [0x10, (byte)variable.Length, .. variable];
    }

    /// <summary>PUBLISH, QoS 0, with a remaining length of up to two bytes.</summary>
    public static byte[] Publish(string topic, byte[] payload)
    {
        var t = Encoding.ASCII.GetBytes(topic);
        var length = 2 + t.Length + payload.Length;
        byte[] remaining = length < 128 ? [(byte)length] : [(byte)(length % 128 | 0x80), (byte)(length / 128)];
        return [0x30, .. remaining, 0, (byte)t.Length, .. t, .. payload];
    }
}
