package beian.verify.adapters.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Serves files from the class path by a fixed list of names: a request can never pick the path. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "yml", "application/yaml; charset=utf-8");

    private final Map<String, String> locations;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** {@code locations}: public name to class-path location. */
    StaticFiles(Map<String, String> locations) {
        this.locations = Map.copyOf(locations);
    }

    MutableHttpResponse<?> serve(String name) {
        String location = locations.get(name);
        Optional<byte[]> bytes = location == null ? Optional.empty() : read(location);
        if (bytes.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        // no-cache, not no-store: browsers revalidate, so a new release shows at once.
        return HttpResponse.ok(bytes.get()).contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private Optional<byte[]> read(String location) {
        byte[] cached = cache.get(location);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            cache.put(location, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
