package org.urulink.server;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
final class OpsRoutes implements HttpService {
    private final Services services;

    OpsRoutes(Services services) {
        this.services = services;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::ready)
                .get("/health/ready", this::ready)
                .get("/health/live", (req, res) -> HttpJson.ok(res, Map.of("status", "UP")))
                .get("/metrics", this::metrics);
    }

    /**
     * Ready while the store answers: it is the truth, and chat goes on without presence or the bus (clients
     * catch up with sync). Those two are reported so operators see a degraded node.
     */
    private void ready(ServerRequest req, ServerResponse res) {
        boolean up = services.store().healthy();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("mode", services.config().mode());
        services.backplane().node().ifPresent(n -> body.put("node", n));
        body.put("store", state(up));
        body.put("presence", state(services.backplane().presence().healthy()));
        body.put("bus", state(services.backplane().bus().healthy()));
        HttpJson.send(res, up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private static String state(boolean up) {
        return up ? "UP" : "DOWN";
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4").send(services.metrics().render());
    }
}
