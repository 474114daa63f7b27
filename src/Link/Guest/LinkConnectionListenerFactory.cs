using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace WifiBridge.Link.Guest;

/// <summary>Kestrel transport for <see cref="VirtioPortEndPoint"/> and <see cref="SerialDeviceEndPoint"/>; other endpoints go to the socket transport.</summary>
public sealed class LinkConnectionListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly ILoggerFactory _loggerFactory;

    /// <param name="loggerFactory">Logging.</param>
    public LinkConnectionListenerFactory(ILoggerFactory loggerFactory) => _loggerFactory = loggerFactory;

    /// <inheritdoc />
    public bool CanBind(EndPoint endpoint) => endpoint is VirtioPortEndPoint or SerialDeviceEndPoint or LinkChannelEndPoint;

    /// <inheritdoc />
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (!CanBind(endpoint))
            throw new NotSupportedException($"the link transport cannot bind {endpoint}; use VirtioPortEndPoint or SerialDeviceEndPoint");
        var listener = new LinkConnectionListener(endpoint, _loggerFactory);
        listener.Start();
        return ValueTask.FromResult<IConnectionListener>(listener);
    }
}
