package org.urulink.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one run measured. Latencies are microseconds from a message's (scheduled) send to its receipt; for
 * fanout, to its receipt by the last member. Figures a scenario does not measure are absent (null in JSON).
 *
 * @param parameters the scenario's settings, as given or defaulted
 * @param extra      figures only some scenarios have (errors by code, heap per connection, ...)
 * @param samples    every message's times, for {@code --samples}
 */
record BenchResult(String scenario, Map<String, Object> parameters, long delivered, long lost, long duplicates,
                   double msgsPerS, Percentiles latency, OptionalLong serverRssBytes,
                   OptionalLong perConnectionBytes, Map<String, Object> extra, BenchSamples samples) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether every message arrived exactly once. */
    boolean clean() {
        return lost == 0 && duplicates == 0;
    }

    int exitCode() {
        return clean() ? ExitCodes.OK : ExitCodes.BENCH_LOSS;
    }

    /** One JSON object, on one line, with every field the docs promise (null where not measured). */
    String json() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("scenario", scenario);
        o.put("parameters", parameters);
        o.put("delivered", delivered);
        o.put("lost", lost);
        o.put("duplicates", duplicates);
        o.put("msgs_per_s", Math.round(msgsPerS * 10) / 10.0);
        boolean timed = !latency.isEmpty();
        o.put("p50_us", timed ? latency.p50() : null);
        o.put("p99_us", timed ? latency.p99() : null);
        o.put("p999_us", timed ? latency.p999() : null);
        o.put("max_us", timed ? latency.max() : null);
        o.put("server_rss_bytes", serverRssBytes.isPresent() ? serverRssBytes.getAsLong() : null);
        o.put("per_connection_bytes", perConnectionBytes.isPresent() ? perConnectionBytes.getAsLong() : null);
        o.putAll(extra);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The human table. */
    void table(PrintWriter out) {
        out.println("bench " + scenario + "  " + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse(""));
        row(out, "delivered", String.format(Locale.ROOT, "%,d", delivered));
        row(out, "lost", String.format(Locale.ROOT, "%,d", lost));
        row(out, "duplicates", String.format(Locale.ROOT, "%,d", duplicates));
        if (msgsPerS > 0) {
            row(out, "msgs/s", String.format(Locale.ROOT, "%,.0f  (steady part: 10%%-90%% of deliveries)", msgsPerS));
        }
        if (!latency.isEmpty()) {
            String what = "fanout".equals(scenario) ? "  (to the last member)" : "";
            row(out, "latency p50", ms(latency.p50()) + what);
            row(out, "latency p99", ms(latency.p99()));
            row(out, "latency p99.9", ms(latency.p999()));
            row(out, "latency max", ms(latency.max()) + String.format(Locale.ROOT, "  (%,d samples)",
                    latency.count()));
        }
        serverRssBytes.ifPresent(b -> row(out, "server RSS", Sizes.human(b)));
        perConnectionBytes.ifPresent(b -> row(out, "per connection", String.format(Locale.ROOT, "%,d bytes%s", b,
                b < 0 ? "  (the server gave memory back meanwhile: start it with -Xms equal to -Xmx)"
                        : "  (the larger of RSS and live-heap growth)")));
        extra.forEach((k, v) -> extraRow(out, k, v));
        if (!clean()) {
            out.println("FAILED: " + lost + " lost, " + duplicates + " duplicated (exit " + ExitCodes.BENCH_LOSS + ")");
        }
        out.flush();
    }

    /** {@code each_member_p50_us} as "each member p50  1.234 ms", {@code *_bytes} with thousands separators. */
    private static void extraRow(PrintWriter out, String key, Object value) {
        if (key.endsWith("_us") && value instanceof Number n) {
            row(out, key.substring(0, key.length() - 3).replace('_', ' '), ms(n.longValue()));
        } else if (value instanceof Number n) {
            row(out, key.replace("_bytes", "").replace('_', ' '), String.format(Locale.ROOT, "%,d%s", n.longValue(),
                    key.endsWith("_bytes") ? " bytes" : ""));
        } else {
            row(out, key.replace('_', ' '), String.valueOf(value));
        }
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", name, value);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }
}
