package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on 127.0.0.1 for a cluster's {@code config.yaml}. The REST and RPC ports
 * must be written into the configuration that clients read, so "port 0" cannot be used. A port is
 * free when picked and may be taken before the JobManager binds it; {@link StandaloneCluster}
 * retries with new ports when that happens.
 */
final class FreePorts {

    private FreePorts() {}

    static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            // Hold every socket open until all are picked, so no port is returned twice.
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // a listening socket that never accepted has nothing to lose
                    }
                }
            }
        }
    }
}
