package org.urulink.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The {@code host} setting checked as the server will use it: the address it names (the first one, as the web
 * server binds) must be this machine's, or the wildcard. Caught while loading the config, a wrong host is a wrong
 * setting named as such, not a failed bind that looks like a port in use.
 */
final class ListenHost {
    private static final String NOT_HERE = "does not resolve to an address of this machine";

    private ListenHost() {
    }

    /** {@code host} itself when it names an address of this machine; else why not, for {@link ConfigException}. */
    static String check(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException(NOT_HERE + " (no such name)");
        }
        if (!local(address)) {
            // A literal address has no name: its text starts with the "/" that would follow one.
            boolean literal = address.toString().startsWith("/");
            throw new IllegalArgumentException(literal ? "is not an address of this machine (on none of its "
                    + "interfaces)" : NOT_HERE + " (it is " + address.getHostAddress() + ", on none of its interfaces)");
        }
        return host;
    }

    private static boolean local(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return true;
        }
        try {
            if (NetworkInterface.getByInetAddress(address) != null) {
                return true;
            }
        } catch (SocketException e) {
            // the interfaces could not be listed; binding below still tells
        }
        // The kernel has the last word: on Linux all of 127/8 is this machine's though lo lists only 127.0.0.1.
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
