package org.urulink.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration of the wire: snake_case names, absent fields left out, unknown fields ignored. */
public final class Json {
    // Jackson's default keeps its parse and write buffers per thread. A server runs a virtual thread per
    // connection, so that meant ~8 KiB of idle buffers for every open session; a pool lends them out instead.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * The shared, thread-safe mapper. Immutable once built: callers must use it as is, which is why
     * sharing one instance is safe (it is configuration, not mutable state).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
