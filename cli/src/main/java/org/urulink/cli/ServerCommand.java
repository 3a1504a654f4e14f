package org.urulink.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code urulink server ...}: runs the chat server. (Owned by the server work; filled in there.) */
@Command(name = "server", description = "Run the urulink chat server.")
public final class ServerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
