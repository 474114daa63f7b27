using Grpc.Core;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Api;

/// <summary>Mutating calls: the peer (its credentials as the kernel reports them for the socket, not anything it
/// says) must be root or in the admin group (admin_group, default socket_group). Anything else fails
/// PermissionDenied with the fix (join the group), and is logged.</summary>
public sealed class MutationAuthorizer(IPeerCredentialReader reader, string groupName, uint groupId, ILogger<MutationAuthorizer> logger)
{
    public void Require(ServerCallContext context, string operation)
    {
        var socket = context.GetHttpContext().Features.Get<IConnectionSocketFeature>()?.Socket;
        var peer = socket is null ? null : reader.Read(socket);
        if (peer is null)
            throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied,
                $"{operation} needs the caller's credentials, which the socket did not provide; call it through the local socket as root or a member of group '{groupName}'"));
        if (peer.Uid == 0 || peer.Groups.Contains(groupId)) return;
        ApiLog.MutationRefused(logger, operation, peer.Uid, peer.Pid, groupName);
        throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied,
            $"{operation} is not allowed for uid {peer.Uid}: it needs root or membership in group '{groupName}'; "
            + $"add yourself with: pw groupmod {groupName} -m $USER (Linux: usermod -aG {groupName} $USER), then log in again"));
    }
}
