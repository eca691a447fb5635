using System;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpRtoEstimatorTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Fact]
    public void Starts_at_the_initial_rto_without_a_measurement()
    {
        var rto = new SctpRtoEstimator(TimeSpan.FromSeconds(1), Min, Max);
        Assert.Equal(TimeSpan.FromSeconds(1), rto.Rto);
        Assert.Null(rto.SmoothedRtt);
    }

    [Fact]
    public void The_first_measurement_sets_srtt_and_half_of_it_as_variation()
    {
        // RFC 9260 §6.3.1 C1: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 * RTTVAR = 3R.
        var rto = new SctpRtoEstimator(TimeSpan.FromSeconds(1), Min, Max);
        rto.AddMeasurement(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), rto.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(50), rto.RttVariation);
        Assert.Equal(TimeSpan.FromMilliseconds(300), rto.Rto);
    }

    [Fact]
    public void Later_measurements_are_smoothed_with_alpha_one_eighth_and_beta_one_quarter()
    {
        var rto = new SctpRtoEstimator(TimeSpan.FromSeconds(1), Min, Max);
        rto.AddMeasurement(TimeSpan.FromMilliseconds(100));
        rto.AddMeasurement(TimeSpan.FromMilliseconds(180));

        // C2: RTTVAR = 3/4 * 50 + 1/4 * |100 - 180| = 57.5; SRTT = 7/8 * 100 + 1/8 * 180 = 110.
        Assert.Equal(TimeSpan.FromMilliseconds(57.5), rto.RttVariation);
        Assert.Equal(TimeSpan.FromMilliseconds(110), rto.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(340), rto.Rto);
    }

    [Fact]
    public void The_rto_is_clamped_to_min_and_max()
    {
        var rto = new SctpRtoEstimator(TimeSpan.FromSeconds(1), Min, TimeSpan.FromSeconds(2));
        rto.AddMeasurement(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Min, rto.Rto);
        rto.AddMeasurement(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(2), rto.Rto);
    }

    [Fact]
    public void Back_off_doubles_up_to_the_maximum_and_a_measurement_ends_it()
    {
        var rto = new SctpRtoEstimator(TimeSpan.FromMilliseconds(500), Min, TimeSpan.FromSeconds(3));
        rto.BackOff();
        Assert.Equal(TimeSpan.FromSeconds(1), rto.Rto);
        rto.BackOff();
        rto.BackOff();
        Assert.Equal(TimeSpan.FromSeconds(3), rto.Rto);
        rto.AddMeasurement(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(300), rto.Rto);
    }

    [Fact]
    public void A_steady_rtt_keeps_a_nonzero_variation()
    {
        var rto = new SctpRtoEstimator(TimeSpan.FromSeconds(1), TimeSpan.FromTicks(1), Max);
        for (int i = 0; i < 200; i++)
        {
            rto.AddMeasurement(TimeSpan.FromMilliseconds(10));
        }

        Assert.True(rto.RttVariation > TimeSpan.Zero);
        Assert.True(rto.Rto > TimeSpan.FromMilliseconds(10));
    }
}
