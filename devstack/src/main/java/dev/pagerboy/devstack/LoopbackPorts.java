package dev.pagerboy.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on 127.0.0.1 before a server starts.
 *
 * <p>A KRaft broker needs its controller port in its own configuration ({@code
 * controller.quorum.voters}) before it binds anything, so "port 0" cannot be used. The port is free
 * when picked and may be taken by someone else before the server binds it: callers retry with new
 * ports when binding fails.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** Returns {@code count} distinct ports that were free on the loopback interface just now. */
    public static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            // Hold every socket open until all are picked, so the same port is never returned
            // twice.
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
                        // closing a listening socket that never accepted cannot lose data
                    }
                }
            }
        }
    }
}
