package beian.verify.adapters.sms;

import beian.verify.core.port.out.SmsSender;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.time.Clock;

/**
 * What a carrier reached over HTTP holds: its endpoint, a client with the configured timeout, the JSON mapper,
 * and the real clock its signature's time is checked against (never the app's movable clock).
 */
abstract class HttpSmsSender implements SmsSender, AutoCloseable {
    protected final CarrierHttp.Endpoint endpoint;
    protected final HttpClient client;
    protected final JsonMapper json;
    protected final Clock clock;

    HttpSmsSender(String carrier, CarrierProperties properties, JsonMapper json, Clock clock) {
        this.endpoint = CarrierHttp.endpoint(carrier, properties.getEndpoint());
        this.client = CarrierHttp.client(endpoint, properties.getTimeout());
        this.json = json;
        this.clock = clock;
    }

    @Override
    @PreDestroy
    public void close() {
        client.close();
    }
}
