package org.urulink.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.urulink.server.ConfigLoader;
import org.urulink.server.ServerConfig;

/** What to do after a setup that passed: how to start, and for a cluster how the other nodes join. */
final class NextSteps {
    private NextSteps() {
    }

    static void print(PrintWriter out, Setup.Plan plan, ServerConfig config, Map<String, String> env) {
        boolean defaultFile = plan.configFile().equals(ConfigLoader.defaultFile(env).toAbsolutePath());
        String start = "urulink server start" + (defaultFile ? "" : " --config " + plan.configFile());
        out.println();
        out.println("Next:");
        if (plan.systemd().isPresent()) {
            out.println("  start it now and at boot:  systemctl daemon-reload && systemctl enable --now urulink");
        } else {
            out.println("  start it:                  " + start);
        }
        if (plan.mode() == Setup.Mode.cluster) {
            out.println("  on every other node:       copy " + plan.configFile());
            out.println("                             and the signing key " + config.signingKeyFile());
            out.println("                             to the same paths, then start it the same way.");
            out.println("                             Every node must use this same key file (or point signing-key-file");
            out.println("                             at shared storage): a node with its own key rejects the others'");
            out.println("                             logins. Each node is named host:port unless node-id is set.");
            out.println("  in front of the nodes:     a load balancer passing WebSocket upgrades on /ws");
        }
        out.println("  check it any time:         urulink doctor" + (defaultFile ? "" : " --config " + plan.configFile()));
    }
}
