using System;
using LiveKit.WebRtc.Dtls;
using Xunit;

namespace LiveKit.WebRtc.Tests.Dtls;

public class DtlsRecordFilterTests
{
    private static byte[] Record(byte type, ushort version, ushort epoch, int length)
    {
        byte[] record = new byte[DtlsRecordFilter.HeaderLength + length];
        record[0] = type;
        record[1] = (byte)(version >> 8);
        record[2] = (byte)version;
        record[3] = (byte)(epoch >> 8);
        record[4] = (byte)epoch;
        record[11] = (byte)(length >> 8);
        record[12] = (byte)length;
        return record;
    }

    [Fact]
    public void Keeps_good_records_and_drops_the_ones_bouncycastle_would_fail_on()
    {
        byte[] hello = Record(22, 0xFEFF, 0, 40);
        byte[] reserved = Record(23, 0xFEFE, 1, 40);
        byte[] tooShort = Record(23, 0xFEFD, 1, DtlsRecordFilter.MinimumProtectedLength - 1);
        byte[] protectedRecord = Record(23, 0xFEFD, 1, DtlsRecordFilter.MinimumProtectedLength);
        byte[] datagram = [.. hello, .. reserved, .. tooShort, .. protectedRecord];
        byte[] output = new byte[datagram.Length];

        int length = DtlsRecordFilter.Filter(datagram, output);

        Assert.Equal([.. hello, .. protectedRecord], output[..length]);
    }

    [Fact]
    public void A_truncated_record_and_a_short_header_are_dropped()
    {
        byte[] whole = Record(22, 0xFEFD, 0, 10);
        byte[] truncated = Record(22, 0xFEFD, 0, 10)[..15];
        byte[] output = new byte[64];

        Assert.Equal(whole.Length, DtlsRecordFilter.Filter([.. whole, .. truncated], output));
        Assert.Equal(0, DtlsRecordFilter.Filter(new byte[5], output));
    }
}
