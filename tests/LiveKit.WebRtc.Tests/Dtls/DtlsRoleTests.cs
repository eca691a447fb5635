using System;
using LiveKit.WebRtc.Dtls;
using Xunit;

namespace LiveKit.WebRtc.Tests.Dtls;

public class DtlsRoleTests
{
    [Theory]
    [InlineData("active", true)]
    [InlineData("passive", false)]
    public void Final_setup_values_map_to_roles(string setup, bool isClient)
    {
        DtlsRole role = isClient ? DtlsRole.Client : DtlsRole.Server;
        Assert.True(DtlsRoleExtensions.TryFromSetupAttribute(setup, out DtlsRole parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(setup, role.ToSetupAttribute());
    }

    [Theory]
    [InlineData("actpass", true)]
    [InlineData("active", false)]
    [InlineData("passive", true)]
    public void Answerer_resolves_its_role_from_the_offer(string offered, bool answererIsClient)
    {
        DtlsRole answerer = answererIsClient ? DtlsRole.Client : DtlsRole.Server;
        Assert.Equal(answerer, DtlsRoleExtensions.ResolveAnswererRole(offered));
    }

    [Fact]
    public void Offerer_takes_the_opposite_of_the_answer()
    {
        Assert.Equal(DtlsRole.Server, DtlsRoleExtensions.ResolveOffererRole("active"));
        Assert.Equal(DtlsRole.Client, DtlsRoleExtensions.ResolveOffererRole("passive"));
        Assert.Throws<ArgumentException>(() => DtlsRoleExtensions.ResolveOffererRole("actpass"));
        Assert.False(DtlsRoleExtensions.TryFromSetupAttribute("holdconn", out _));
    }
}
